/**
 * What the crawl loop needs from a fetching engine (crawlee HttpCrawler or PlaywrightCrawler): run with start
 * requests, accept more while running, report each response or final failure, and stop early on a fatal error.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { CrawlError } from '../errors.js';

export interface FetchRequest {
  url: string;
  userData: Record<string, unknown>;
}

export interface RawResponse {
  url: string;
  finalUrl: string;
  status: number;
  headers: IncomingHttpHeaders;
  /** Undecoded bytes (HTTP) or the rendered DOM as UTF-8 (browser). */
  body: Buffer;
}

export interface FetcherSettings {
  sourceId: string;
  userAgent: string;
  accept?: string;
  limits: { maxRetries: number; timeoutMs: number; maxPageBytes: number };
  politeness: { maxConcurrency: number; retryBackoffMs: number };
  /** Longest time a request may wait for its throttle slot (added to the handler timeout). */
  maxThrottleWaitMs: number;
}

export interface FetcherHooks {
  /** Throws a CrawlError (ADDRESS_FORBIDDEN, OFF_DOMAIN, ROBOTS_DISALLOWED) to refuse a URL before connecting or on a redirect hop. */
  checkUrl(url: string): Promise<void>;
  /** Waits for the host's next request slot (rate limit, robots.txt Crawl-delay). */
  throttle(url: string): Promise<void>;
  /**
   * A redirect hop's turn: waits for the hop host's slot when it comes within half of what is left of the request's
   * timeout (which runs during the hop, counted from `requestStartedAt`, a Date.now()); a later slot is not booked
   * and the hop goes at once, since waiting would time the request out on every attempt.
   */
  throttleHop(url: string, requestStartedAt: number): Promise<void>;
  /** Address check only, for a rendered page's subresources (scripts, XHR), which may live on other hosts. */
  checkAddress(url: string): Promise<void>;
  onResponse(response: RawResponse, userData: Record<string, unknown>): Promise<void>;
  /** The request failed for good (after retries, or at once when retrying cannot help). */
  onFailure(url: string, userData: Record<string, unknown>, error: CrawlError): Promise<void>;
}

export interface Fetcher {
  run(start: FetchRequest[]): Promise<void>;
  enqueue(requests: FetchRequest[]): Promise<void>;
  abort(): Promise<void>;
}
