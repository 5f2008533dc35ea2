/**
 * Fetches and caches robots.txt per origin for one crawl run, with our user agent, a timeout, a size cap and the
 * address guard on every redirect hop. 2xx → parsed rules, 4xx → allow all, 5xx or unreachable → disallow all
 * (RFC 9309 §2.3.1), reported once through `onUnreachable`.
 */
import { allowAll, disallowAll, parseRobots, type RobotsRules } from './robots.js';

export interface RobotsCacheOptions {
  userAgent: string;
  timeoutMs: number;
  checkUrl(url: string): Promise<void>;
  onUnreachable?(robotsUrl: string, reason: string, error?: unknown): void;
}

const maxRobotsBytes = 512 * 1024;

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
    const text = (await res.text()).slice(0, maxRobotsBytes);
    return parseRobots(text, o.userAgent);
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
