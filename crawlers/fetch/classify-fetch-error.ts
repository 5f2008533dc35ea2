/**
 * Turns whatever crawlee/got threw into our CrawlError with a code, and computes retry backoff. Knows the shapes
 * of crawlee's messages ("503 - Internal Server Error…", "request timed out after…") and got's error codes.
 */
import { CrawlError, type CrawlErrorCode } from '../errors.js';
import { describeNetworkError } from './describe-network-error.js';

interface RequestLike {
  url: string;
  userData: Record<string, unknown>;
  retryCount: number;
}

function findCrawlError(error: unknown): CrawlError | undefined {
  for (let e: unknown = error, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    if (e instanceof CrawlError) return e;
  }
  return undefined;
}

export function classifyFetchError(error: unknown, request: RequestLike, sourceId: string, final = false): CrawlError {
  const url = request.url;
  const own = findCrawlError(error);
  if (own) return own;
  // A refusal thrown inside got's redirect hook comes back wrapped; the hook left its verdict on the request.
  const refusal = request.userData['__refusal'] as { code: CrawlErrorCode; message: string } | undefined;
  if (refusal) return new CrawlError(refusal.code, refusal.message, { sourceId, url });
  const e = error as { message?: string; code?: string; name?: string };
  const message = e.message ?? String(error);
  const status = /^(\d{3}) - /.exec(message);
  if (status) {
    const code = Number(status[1]);
    const retryable = code === 408 || code === 429 || code >= 500;
    return new CrawlError(retryable ? 'HTTP_RETRIES_EXHAUSTED' : 'HTTP_STATUS', `HTTP ${code}${final && retryable ? ` after ${request.retryCount} retries` : ''}: ${url}`, { sourceId, url, status: code });
  }
  if (/timed? ?out/i.test(message) || e.name === 'TimeoutError' || e.code === 'ETIMEDOUT') {
    return new CrawlError('TIMEOUT', `timed out${final ? ` (${request.retryCount} retries)` : ''}: ${url}`, { sourceId, url });
  }
  const down = describeNetworkError(error);
  if (down) return new CrawlError('NETWORK_ERROR', `${new URL(url).host} ${down.what} [${down.code}]: ${url}`, { sourceId, url });
  if (e.code && /^E[A-Z]+$/.test(e.code)) return new CrawlError('NETWORK_ERROR', `${e.code}: ${url}`, { sourceId, url });
  return new CrawlError('NETWORK_ERROR', `${message.split('\n')[0]}: ${url}`, { sourceId, url }, { cause: error });
}

/** base·2^retry, but at least a Retry-After (seconds or HTTP date) when the server sent one; capped at 60 s. */
export function backoffMs(baseMs: number, retryCount: number, retryAfter?: string | string[]): number {
  let ms = baseMs * 2 ** retryCount;
  const ra = Array.isArray(retryAfter) ? retryAfter[0] : retryAfter;
  if (ra) {
    const secs = Number(ra);
    const fromHeader = Number.isFinite(secs) ? secs * 1000 : Date.parse(ra) - Date.now();
    if (Number.isFinite(fromHeader)) ms = Math.max(ms, fromHeader);
  }
  return Math.min(Math.max(0, ms), 60_000);
}
