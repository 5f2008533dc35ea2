/**
 * Redis implementation of the crawlers' HostSlots: one small hash per host (`<prefix>:host-slot:<host>`, fields
 * `at` = last booked slot in ms of Redis time, `interval` = its spacing), booked by one Lua script so concurrent runs on
 * any machine get distinct slots. Keys expire once they no longer matter. Takes a connected ioredis client; never
 * closes it; never waits for Redis longer than `timeoutMs`.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { HostSlots, SlotBooking } from '../../crawlers/politeness/host-slots.js';

/**
 * KEYS[1] = the host's hash. ARGV = interval ms, horizon ms (-1 = none), linger ms. Returns {booked 0|1, wait ms}.
 * Redis's own clock, so machines with skewed clocks still agree. The next slot is at least the larger of the two
 * intervals after the last one, so a stricter source sharing the host is not sped up by a looser one. The key lives
 * until its slot plus max(interval, linger): after that no booking can depend on it.
 */
export const reserveHostSlotLua = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local horizon = tonumber(ARGV[2])
local linger = tonumber(ARGV[3])
local prev = redis.call('HMGET', KEYS[1], 'at', 'interval')
local slot = now
if prev[1] and prev[2] then
  slot = math.max(now, tonumber(prev[1]) + math.max(tonumber(prev[2]), interval))
end
local wait = slot - now
if horizon >= 0 and wait > horizon then
  return {0, wait}
end
redis.call('HSET', KEYS[1], 'at', string.format('%d', slot), 'interval', string.format('%d', interval))
redis.call('PEXPIRE', KEYS[1], wait + math.max(interval, linger))
return {1, wait}
`;

const scriptSha = createHash('sha1').update(reserveHostSlotLua).digest('hex');

export interface RedisHostSlotsOptions {
  /** A Redis that answers nothing within this long counts as down. @default 5000 */
  timeoutMs?: number;
  /** How long a host's key outlives its last slot at least (covers the longest interval a source can ask). @default 60_000 */
  lingerMs?: number;
}

export const hostSlotKey = (prefix: string, host: string): string => `${prefix}:host-slot:${host}`;

export class RedisHostSlots implements HostSlots {
  private readonly timeoutMs: number;
  private readonly lingerMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    options: RedisHostSlotsOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.lingerMs = options.lingerMs ?? 60_000;
  }

  async reserve(host: string, intervalMs: number, horizonMs: number): Promise<SlotBooking> {
    const args = [hostSlotKey(this.prefix, host), String(Math.ceil(intervalMs)), String(Number.isFinite(horizonMs) ? Math.max(0, Math.floor(horizonMs)) : -1), String(this.lingerMs)];
    const reply = await this.withTimeout(this.run(args));
    const [booked, waitMs] = reply as [number, number];
    return { booked: booked === 1, waitMs: Math.max(0, waitMs) };
  }

  /** EVALSHA, loading the script on a server that does not know it yet (first use, restart, failover). */
  private async run(args: string[]): Promise<unknown> {
    try {
      return await this.redis.evalsha(scriptSha, 1, ...args);
    } catch (error) {
      if (!/NOSCRIPT/.test((error as Error)?.message ?? '')) throw error;
      return this.redis.eval(reserveHostSlotLua, 1, ...args);
    }
  }

  private withTimeout<T>(p: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
  }
}
