/**
 * Per-host request spacing for one crawl run: each request to a host waits for its slot, slots at least
 * `intervalMs(host)` apart (from maxRequestsPerMinute, or robots.txt Crawl-delay when that is longer). Keyed by
 * hostname, so it also works for IP hosts (crawlee's sameDomainDelay skips those).
 */
export interface DomainThrottle {
  /** Resolves when a request to the URL's host may start. */
  wait(url: string): Promise<void>;
  /** Learns the interval of a URL's host ahead of time (e.g. the start URL's Crawl-delay). */
  prime(url: string): Promise<void>;
  /** Longest wait a request can see with `concurrency` requests in flight (for handler timeouts). */
  worstWaitMs(concurrency: number): number;
}

export function createDomainThrottle(baseIntervalMs: number, crawlDelayMs: (url: string) => Promise<number>, maxCrawlDelayMs = 30_000): DomainThrottle {
  const nextSlot = new Map<string, number>();
  let longest = baseIntervalMs;
  const intervalFor = async (url: string): Promise<number> => {
    const interval = Math.max(baseIntervalMs, Math.min(await crawlDelayMs(url), maxCrawlDelayMs));
    longest = Math.max(longest, interval);
    return interval;
  };
  return {
    prime: async (url) => void (await intervalFor(url)),
    async wait(url: string): Promise<void> {
      const host = new URL(url).host;
      const interval = await intervalFor(url);
      const now = Date.now();
      const slot = Math.max(now, nextSlot.get(host) ?? 0);
      nextSlot.set(host, slot + interval);
      if (slot > now) await new Promise((r) => setTimeout(r, slot - now));
    },
    worstWaitMs: (concurrency) => longest * concurrency,
  };
}
