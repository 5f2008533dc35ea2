/**
 * A handful of pages fetched the way the crawler fetches them (for `pulse extract <url>`): the HTTP fetcher with its
 * user agent, byte cap, retries and redirect checks; the address guard (private addresses only as the config allows);
 * robots.txt; one request at a time with a pause between requests to the same host. Returns one result per URL, in
 * order; a failure is a result with the error, never a throw.
 */
import { CrawlError } from '../errors.js';
import { createAddressGuard, type AddressAllowance } from '../politeness/address-guard.js';
import { createRobotsCache } from '../politeness/robots-cache.js';
import { createHttpFetcher } from './http-fetcher.js';
import type { RawResponse } from './fetcher.js';

export interface FetchPagesOptions {
  userAgent: string;
  allowPrivate: AddressAllowance;
  /** @default 15000 */
  timeoutMs?: number;
  /** @default 2000000 */
  maxPageBytes?: number;
  /** @default true */
  respectRobotsTxt?: boolean;
  /** Pause between two requests to one host. @default 1000 */
  hostSpacingMs?: number;
}

export type FetchPageResult = { url: string; ok: true; response: RawResponse } | { url: string; ok: false; error: string };

export async function fetchPages(urls: string[], o: FetchPagesOptions): Promise<FetchPageResult[]> {
  const timeoutMs = o.timeoutMs ?? 15_000;
  const guard = createAddressGuard(o.allowPrivate, { sourceId: 'pulse-extract' });
  const robots = createRobotsCache({ userAgent: o.userAgent, timeoutMs, checkUrl: (u) => guard.check(u) });
  const lastAt = new Map<string, number>();
  const checkUrl = async (url: string): Promise<void> => {
    await guard.check(url);
    if (o.respectRobotsTxt === false) return;
    const rules = await robots.rulesFor(url);
    if (!rules.isAllowed(url)) throw new CrawlError('ROBOTS_DISALLOWED', `robots.txt of ${new URL(url).host} disallows ${url}`, { url });
  };
  const throttle = async (url: string): Promise<void> => {
    const host = new URL(url).host;
    const wait = (lastAt.get(host) ?? 0) + (o.hostSpacingMs ?? 1000) - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    lastAt.set(host, Date.now());
  };
  const results = new Map<string, FetchPageResult>();
  const fetcher = createHttpFetcher(
    {
      sourceId: 'pulse-extract',
      userAgent: o.userAgent,
      accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
      limits: { maxRetries: 1, timeoutMs, maxPageBytes: o.maxPageBytes ?? 2_000_000 },
      politeness: { maxConcurrency: 1, retryBackoffMs: 1000 },
      maxThrottleWaitMs: 5000,
    },
    {
      checkUrl,
      throttle,
      throttleHop: async () => undefined,
      checkAddress: (u) => guard.check(u),
      onResponse: async (response, userData) => {
        const url = String(userData['url']);
        results.set(url, response.status >= 400 ? { url, ok: false, error: `HTTP ${response.status}` } : { url, ok: true, response });
      },
      onFailure: async (_url, userData, error) => {
        const url = String(userData['url']);
        results.set(url, { url, ok: false, error: error.message });
      },
    },
  );
  const valid = urls.filter((u) => URL.canParse(u));
  await fetcher.run(valid.map((url) => ({ url, userData: { url } })));
  return urls.map((url) => results.get(url) ?? { url, ok: false, error: URL.canParse(url) ? 'no response' : 'not a valid URL' });
}
