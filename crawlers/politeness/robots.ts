/**
 * robots.txt (RFC 9309): parse groups, pick the group for our crawler's product token (else `*`), and answer
 * isAllowed(url) by the longest matching rule (allow wins ties; `*` and `$` supported). Fetching is done by the
 * caller; `robotsForStatus` maps the fetch outcome: 4xx = allow all, 5xx/unreachable = disallow all.
 * Matching never backtracks (robots-pattern.ts): a file cannot make isAllowed slow, whatever its patterns.
 */
import { compileRobotsPattern, type RobotsPattern } from './robots-pattern.js';

export interface RobotsRules {
  isAllowed(url: string): boolean;
  /** Crawl-delay of the chosen group in seconds, if any. */
  crawlDelaySecs: number | undefined;
}

interface Rule {
  allow: boolean;
  pattern: RobotsPattern;
}

/** Percent-encoding differences must not change the answer: compare decoded-then-encoded forms. */
const normalizePath = (p: string): string => {
  try {
    return encodeURI(decodeURI(p));
  } catch {
    return p;
  }
};

export function parseRobots(text: string, userAgent: string): RobotsRules {
  const token = (userAgent.split(/[/\s]/)[0] ?? '').toLowerCase();
  const groups: Array<{ agents: string[]; rules: Rule[]; delay?: number }> = [];
  let current: (typeof groups)[number] | undefined;
  let lastWasAgent = false;
  for (const raw of text.split(/\r?\n|\r/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = (m[1] ?? '').toLowerCase();
    const value = (m[2] ?? '').trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) groups.push((current = { agents: [], rules: [] }));
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if ((key === 'allow' || key === 'disallow') && value !== '') {
      const pattern = normalizePath(value);
      current.rules.push({ allow: key === 'allow', pattern: compileRobotsPattern(pattern) });
    } else if (key === 'crawl-delay' && Number.isFinite(Number(value))) current.delay = Number(value);
  }
  const mine = groups.filter((g) => g.agents.some((a) => a !== '*' && token.includes(a)));
  const chosen = mine.length > 0 ? mine : groups.filter((g) => g.agents.includes('*'));
  // Longest pattern first, Allow before Disallow of the same length: the first rule that matches decides.
  const rules = chosen.flatMap((g) => g.rules).sort((a, b) => b.pattern.source.length - a.pattern.source.length || Number(b.allow) - Number(a.allow));
  const delay = chosen.find((g) => g.delay !== undefined)?.delay;
  return {
    crawlDelaySecs: delay,
    isAllowed(url: string): boolean {
      const u = new URL(url);
      const path = normalizePath(u.pathname + u.search);
      return rules.find((rule) => rule.pattern.matches(path))?.allow ?? true;
    },
  };
}

export const allowAll: RobotsRules = { isAllowed: () => true, crawlDelaySecs: undefined };
export const disallowAll: RobotsRules = { isAllowed: () => false, crawlDelaySecs: undefined };
