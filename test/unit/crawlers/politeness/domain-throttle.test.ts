import { describe, expect, it } from 'vitest';
import { createMemoryHostSlots, type HostSlots } from '../../../../crawlers/politeness/host-slots.js';
import { createDomainThrottle } from '../../../../crawlers/politeness/domain-throttle.js';
import { CrawlError } from '../../../../crawlers/errors.js';

describe('in-process host slots', () => {
  it('books slots an interval apart per host, never in the past, and refuses beyond the horizon', async () => {
    let now = 1_000;
    const slots = createMemoryHostSlots(() => now);
    expect(await slots.reserve('a:80', 200, Infinity)).toEqual({ booked: true, waitMs: 0 });
    expect(await slots.reserve('a:80', 200, Infinity)).toEqual({ booked: true, waitMs: 200 });
    expect(await slots.reserve('a:80', 200, Infinity)).toEqual({ booked: true, waitMs: 400 });
    expect(await slots.reserve('b:80', 200, Infinity)).toEqual({ booked: true, waitMs: 0 });
    // The next free slot is 600 ms away: a 500 ms horizon books nothing (and so moves nothing).
    expect(await slots.reserve('a:80', 200, 500)).toEqual({ booked: false, waitMs: 600 });
    expect(await slots.reserve('a:80', 200, 600)).toEqual({ booked: true, waitMs: 600 });
    now += 10_000;
    expect(await slots.reserve('a:80', 200, 0)).toEqual({ booked: true, waitMs: 0 });
  });

  it('keeps the larger of two intervals between neighbouring slots', async () => {
    const slots = createMemoryHostSlots(() => 0);
    await slots.reserve('h', 1000, Infinity);
    expect((await slots.reserve('h', 100, Infinity)).waitMs).toBe(1000);
    expect((await slots.reserve('h', 500, Infinity)).waitMs).toBe(1500);
  });
});

describe('domain throttle', () => {
  const noDelay = async (): Promise<number> => 0;

  it('spaces concurrent waits to one host by the interval (real timers)', async () => {
    const throttle = createDomainThrottle({ baseIntervalMs: 60, crawlDelayMs: noDelay });
    const started: number[] = [];
    const t0 = Date.now();
    await Promise.all([1, 2, 3].map(async () => started.push((await throttle.wait('http://x.test/a'), Date.now() - t0))));
    started.sort((a, b) => a - b);
    expect(started[1]! - started[0]!).toBeGreaterThanOrEqual(55);
    expect(started[2]! - started[1]!).toBeGreaterThanOrEqual(55);
    expect(throttle.worstWaitMs(3)).toBe(180);
  });

  it('lets a request go no sooner than the interval after the previous one to its host left, whatever the slot said', async () => {
    // A schedule whose slots are always "now" stands for a timer that fired late: the booked slot after it has come.
    const always: HostSlots = { reserve: async () => ({ booked: true, waitMs: 0 }) };
    const throttle = createDomainThrottle({ baseIntervalMs: 80, crawlDelayMs: noDelay, slots: always });
    const t0 = Date.now();
    await throttle.wait('http://x.test/a');
    await throttle.wait('http://x.test/b');
    const second = Date.now() - t0;
    expect(second).toBeGreaterThanOrEqual(79);
  });

  it('uses a longer robots Crawl-delay (capped) for the interval and the worst wait', async () => {
    const throttle = createDomainThrottle({ baseIntervalMs: 100, crawlDelayMs: async () => 90_000, maxCrawlDelayMs: 500 });
    await throttle.prime('http://x.test/');
    expect(throttle.worstWaitMs(2)).toBe(1000);
  });

  it('throws HOST_BUSY past its wait budget, and HOST_SLOTS_UNAVAILABLE (retryable, with context) when the schedule fails', async () => {
    const busy: HostSlots = { reserve: async () => ({ booked: false, waitMs: 9000 }) };
    const t1 = createDomainThrottle({ baseIntervalMs: 100, crawlDelayMs: noDelay, slots: busy, sourceId: 's1' });
    const e1 = await t1.wait('http://x.test/p', 5000).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(CrawlError);
    expect(e1).toMatchObject({ code: 'HOST_BUSY', retryable: true, context: { sourceId: 's1', url: 'http://x.test/p' } });

    const down: HostSlots = { reserve: async () => Promise.reject(new Error('Connection is closed.')) };
    const t2 = createDomainThrottle({ baseIntervalMs: 100, crawlDelayMs: noDelay, slots: down, sourceId: 's1' });
    const e2 = await t2.wait('http://x.test/p').catch((e: unknown) => e);
    expect(e2).toMatchObject({ code: 'HOST_SLOTS_UNAVAILABLE', retryable: true, context: { sourceId: 's1', url: 'http://x.test/p' } });
    expect((e2 as Error).message).toContain('Connection is closed.');
  });

  it('asks the schedule with the host (incl. port), the interval and the budget', async () => {
    const calls: unknown[][] = [];
    const spy: HostSlots = { reserve: async (...args) => (calls.push(args), { booked: true, waitMs: 0 }) };
    const throttle = createDomainThrottle({ baseIntervalMs: 250, crawlDelayMs: async () => 400, slots: spy });
    await throttle.wait('http://127.0.0.1:8080/a?b', 3000);
    await throttle.wait('http://127.0.0.1:8080/c');
    expect(calls).toEqual([
      ['127.0.0.1:8080', 400, 3000],
      ['127.0.0.1:8080', 400, Infinity],
    ]);
  });
});
