/** Errors of the Kibana import: unreachable (retryable) or refused, with the Kibana URL (credentials removed). */
export const kibanaErrorCodes = {
  KIBANA_UNAVAILABLE: { retryable: true },
  KIBANA_IMPORT_FAILED: { retryable: false },
} as const;

export type KibanaErrorCode = keyof typeof kibanaErrorCodes;

export class KibanaError extends Error {
  readonly code: KibanaErrorCode;
  readonly retryable: boolean;
  readonly context: Readonly<Record<string, string | number | undefined>>;

  constructor(code: KibanaErrorCode, message: string, context: Record<string, string | number | undefined> = {}) {
    super(message);
    this.name = 'KibanaError';
    this.code = code;
    this.retryable = kibanaErrorCodes[code].retryable;
    this.context = context;
  }
}
