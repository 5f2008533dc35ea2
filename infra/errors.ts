/**
 * Errors of the service layer (config, Redis, Elasticsearch, local services). Each carries a code, whether a retry
 * can help, and context; messages are one line that names the URL (credentials hidden) and the fix.
 */
export const serviceErrorCodes = {
  CONFIG_INVALID: { retryable: false },
  REDIS_UNAVAILABLE: { retryable: true },
  ES_UNAVAILABLE: { retryable: true },
  ES_REJECTED: { retryable: false },
  SERVICE_START_FAILED: { retryable: false },
  TOOL_MISSING: { retryable: false },
} as const;

export type ServiceErrorCode = keyof typeof serviceErrorCodes;

export class ServiceError extends Error {
  readonly code: ServiceErrorCode;
  readonly retryable: boolean;
  readonly context: Readonly<Record<string, string | number | undefined>>;

  constructor(code: ServiceErrorCode, message: string, context: Record<string, string | number | undefined> = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ServiceError';
    this.code = code;
    this.retryable = serviceErrorCodes[code].retryable;
    this.context = context;
  }
}

export class ConfigError extends ServiceError {
  constructor(message: string) {
    super('CONFIG_INVALID', message);
    this.name = 'ConfigError';
  }
}
