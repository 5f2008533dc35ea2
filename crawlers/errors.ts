/**
 * Errors of the crawl layer. Each has a SCREAMING_SNAKE code from the table below, whether retrying can help, and
 * context ({sourceId, url}). A crawl run reports page-level errors in its summary; only config and sink errors throw.
 */
export const crawlErrorCodes = {
  SOURCE_CONFIG_INVALID: { retryable: false },
  SOURCE_FILE_UNREADABLE: { retryable: false },
  /** The sources file is over the size limit; refused before it is read whole. */
  SOURCE_FILE_TOO_LARGE: { retryable: false },
  HTTP_STATUS: { retryable: false },
  HTTP_RETRIES_EXHAUSTED: { retryable: true },
  TIMEOUT: { retryable: true },
  NETWORK_ERROR: { retryable: true },
  PAGE_TOO_LARGE: { retryable: false },
  ADDRESS_FORBIDDEN: { retryable: false },
  /** A PULSE_CRAWL_ALLOW_PRIVATE entry is none of host, host:port, [ipv6]:port, "*". */
  ADDRESS_ALLOWANCE_INVALID: { retryable: false },
  OFF_DOMAIN: { retryable: false },
  ROBOTS_UNREACHABLE: { retryable: true },
  /** The host could not be reached at all (connection refused, DNS, TLS, timeout) — found on its robots.txt. */
  SITE_UNREACHABLE: { retryable: true },
  /** A redirect hop led to a URL its host's robots.txt disallows. */
  ROBOTS_DISALLOWED: { retryable: false },
  /** The host's shared request schedule is booked past this request's wait budget (other runs crawl it too). */
  HOST_BUSY: { retryable: true },
  /** The shared per-host request schedule (Redis) could not be reached: the run stops and is retried. */
  HOST_SLOTS_UNAVAILABLE: { retryable: true },
  UNSUPPORTED_CONTENT: { retryable: false },
  /** The run took limits.maxDocuments documents and article links; the rest waits for later runs (not an error). */
  DOCUMENT_LIMIT: { retryable: false },
  PARSE_FAILED: { retryable: false },
  BROWSER_FAILED: { retryable: true },
  SINK_FAILED: { retryable: true },
} as const;

export type CrawlErrorCode = keyof typeof crawlErrorCodes;

export interface CrawlErrorContext {
  sourceId?: string | undefined;
  url?: string | undefined;
  file?: string | undefined;
  field?: string | undefined;
  status?: number | undefined;
}

export class CrawlError extends Error {
  readonly code: CrawlErrorCode;
  readonly retryable: boolean;
  readonly context: Readonly<CrawlErrorContext>;

  constructor(code: CrawlErrorCode, message: string, context: CrawlErrorContext = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CrawlError';
    this.code = code;
    this.retryable = crawlErrorCodes[code].retryable;
    this.context = context;
  }
}

export const isCrawlError = (e: unknown): e is CrawlError => e instanceof CrawlError;
