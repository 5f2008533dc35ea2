/**
 * Fetches and caches robots.txt per origin for one crawl run, with our user agent, a timeout, a size cap applied while
 * the body streams in (inflated bytes counted) and the address guard on every redirect hop. 2xx → parsed rules, 4xx → allow all, 5xx or unreachable → disallow all
 * (RFC 9309 §2.3.1), reported once through `onUnreachable`.
 */
import { allowAll, disallowAll, parseRobots, type RobotsRules } from './robots.js';

export interface RobotsCacheOptions {
  userAgent: string;
  timeoutMs: number;
  checkUrl(url: string): Promise<void>;
  onUnreachable?(robotsUrl: string, reason: string, error?: unknown): void;
}

/** RFC 9309 §2.5: crawlers must parse at least the first 500 KiB; what follows is ignored, never buffered. */
export const maxRobotsBytes = 512 * 1024;

/**
 * Reads at most `max` bytes of the body, after Content-Encoding is undone (fetch inflates gzip/deflate/br as the
 * stream is read, so a gzip bomb is inflated only as far as we read), then cancels the rest unread. When the file was
 * cut, its last, incomplete line is dropped: half a rule could widen an Allow.
 */
export async function readCapped(res: Response, max: number): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  let cut = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = max - total;
    chunks.push(value.length > room ? value.subarray(0, room) : value);
    total += Math.min(value.length, room);
    if (value.length >= room) {
      cut = value.length > room || !(await reader.read().then((r) => r.done));
      break;
    }
  }
  await reader.cancel().catch(() => undefined);
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  return cut ? text.slice(0, Math.max(0, text.lastIndexOf('\n'), text.lastIndexOf('\r'))) : text;
}

async function fetchRobots(robotsUrl: string, o: RobotsCacheOptions): Promise<RobotsRules> {
  let url = robotsUrl;
  for (let hop = 0; hop < 5; hop++) {
    await o.checkUrl(url);
    const res = await fetch(url, { redirect: 'manual', headers: { 'user-agent': o.userAgent }, signal: AbortSignal.timeout(o.timeoutMs) });
    if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
      url = new URL(res.headers.get('location') ?? '', url).toString();
      await res.body?.cancel();
      continue;
    }
    if (res.status >= 400 && res.status < 500) {
      await res.body?.cancel();
      return allowAll;
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`HTTP ${res.status}`);
    }
    return parseRobots(await readCapped(res, maxRobotsBytes), o.userAgent);
  }
  throw new Error('too many redirects');
}

export function createRobotsCache(o: RobotsCacheOptions): { rulesFor(url: string): Promise<RobotsRules> } {
  const byOrigin = new Map<string, Promise<RobotsRules>>();
  return {
    rulesFor(url: string): Promise<RobotsRules> {
      const origin = new URL(url).origin;
      let rules = byOrigin.get(origin);
      if (!rules) {
        const robotsUrl = `${origin}/robots.txt`;
        rules = fetchRobots(robotsUrl, o).catch((error: unknown) => {
          o.onUnreachable?.(robotsUrl, (error as Error).message, error);
          return disallowAll;
        });
        byOrigin.set(origin, rules);
      }
      return rules;
    },
  };
}
