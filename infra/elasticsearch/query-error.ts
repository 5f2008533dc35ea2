/** Errors of the query layer (trends, exports, alerts): invalid user input, never retryable, with the bad value. */
export const queryErrorCodes = {
  INVALID_TIME_ZONE: { retryable: false },
  INVALID_TIME_RANGE: { retryable: false },
  INVALID_FILTER: { retryable: false },
} as const;

export type QueryErrorCode = keyof typeof queryErrorCodes;

export class QueryError extends Error {
  readonly code: QueryErrorCode;
  readonly retryable: boolean;
  readonly context: Readonly<Record<string, string | number | undefined>>;

  constructor(code: QueryErrorCode, message: string, context: Record<string, string | number | undefined> = {}) {
    super(message);
    this.name = 'QueryError';
    this.code = code;
    this.retryable = queryErrorCodes[code].retryable;
    this.context = context;
  }
}
