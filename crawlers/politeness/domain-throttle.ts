/**
 * Per-host request spacing: each request to a host waits for its slot, slots at least `intervalMs(host)` apart
 * (from maxRequestsPerMinute, or robots.txt Crawl-delay when that is longer). Slots are booked in a HostSlots
 * schedule — this run's own by default, or one shared by every run on every machine. Keyed by host, so it also works
 * for IP hosts (crawlee's sameDomainDelay skips those). Never waits longer than the budget it is given, plus at most
 * how late its timer let the host's previous request of this run go.
 */
import { CrawlError } from '../errors.js';
import { createMemoryHostSlots, type HostSlots } from './host-slots.js';

export interface DomainThrottle {
  /**
   * Resolves when a request to the URL's host may start. Throws a CrawlError: HOST_BUSY when the host is booked
   * more than `maxWaitMs` ahead (by other runs), HOST_SLOTS_UNAVAILABLE when the shared schedule cannot be reached.
   */
  wait(url: string, maxWaitMs?: number): Promise<void>;
  /** Learns the interval of a URL's host ahead of time (e.g. the start URL's Crawl-delay). */
  prime(url: string): Promise<void>;
  /** Longest wait a request can see from this run alone with `concurrency` requests in flight. */
  worstWaitMs(concurrency: number): number;
}

export interface DomainThrottleOptions {
  baseIntervalMs: number;
  /** The host's robots.txt Crawl-delay in ms (0 when none). */
  crawlDelayMs: (url: string) => Promise<number>;
  /** @default 30_000 */
  maxCrawlDelayMs?: number;
  /** @default this run's own schedule */
  slots?: HostSlots;
  sourceId?: string;
}

export function createDomainThrottle(options: DomainThrottleOptions): DomainThrottle {
  const { baseIntervalMs, crawlDelayMs, maxCrawlDelayMs = 30_000, sourceId } = options;
  const slots = options.slots ?? createMemoryHostSlots();
  let longest = baseIntervalMs;
  // When this run's last request to each host actually went: a slot is exact, the timer that waits for it is not.
  const leftAt = new Map<string, number>();
  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
  const intervalFor = async (url: string): Promise<number> => {
    const interval = Math.max(baseIntervalMs, Math.min(await crawlDelayMs(url), maxCrawlDelayMs));
    longest = Math.max(longest, interval);
    return interval;
  };
  return {
    prime: async (url) => void (await intervalFor(url)),
    async wait(url: string, maxWaitMs = Number.POSITIVE_INFINITY): Promise<void> {
      const host = new URL(url).host;
      const interval = await intervalFor(url);
      let booking;
      try {
        booking = await slots.reserve(host, interval, maxWaitMs);
      } catch (error) {
        throw new CrawlError('HOST_SLOTS_UNAVAILABLE', `request schedule for ${host} unreachable (${(error as Error)?.message ?? String(error)}): ${url}`, { sourceId, url }, { cause: error });
      }
      if (!booking.booked) {
        throw new CrawlError('HOST_BUSY', `${host} is booked ${booking.waitMs} ms ahead by other crawl runs (this request waits at most ${maxWaitMs} ms): ${url}`, { sourceId, url });
      }
      if (booking.waitMs > 0) await sleep(booking.waitMs);
      // On busy cores a timer fires late (60 ms and more, measured with two cores shared), and the request booked
      // after this one, whose timer is on time, would reach the host less than a spacing later: it waits the rest.
      const since = Date.now() - (leftAt.get(host) ?? Number.NEGATIVE_INFINITY);
      if (since < interval) await sleep(interval - since);
      leftAt.set(host, Date.now());
    },
    worstWaitMs: (concurrency) => longest * concurrency,
  };
}
