import { describe, expect, it } from 'vitest';
import { compileRobotsPattern } from '../../../../crawlers/politeness/robots-pattern.js';
import { parseRobots } from '../../../../crawlers/politeness/robots.js';
import { seededRandom } from '../../../../analysis/sentiment/train/seeded-random.js';

/** The regex translation the matcher replaced: correct, but backtracking. Used only on small random inputs. */
const reference = (pattern: string, path: string): boolean => {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`, 's').test(path);
};

describe('robots pattern matching', () => {
  it('matches prefixes, wildcards and a final $ as RFC 9309 describes', () => {
    const m = (p: string, path: string): boolean => compileRobotsPattern(p).matches(path);
    expect(m('/fish', '/fish.html')).toBe(true);
    expect(m('/fish', '/Fish.asp')).toBe(false);
    expect(m('/fish*', '/fishheads/yummy.html')).toBe(true);
    expect(m('/*.php', '/folder/filename.php?parameters')).toBe(true);
    expect(m('/*.php$', '/filename.php')).toBe(true);
    expect(m('/*.php$', '/filename.php?parameters')).toBe(false);
    expect(m('/*.php$', '/filename.php5')).toBe(false);
    expect(m('/fish*.php', '/fishheads/catfish.php?parameters')).toBe(true);
    expect(m('/fish*.php', '/Fish.PHP')).toBe(false);
    expect(m('/a$b', '/a$b/c')).toBe(true); // `$` is literal unless it ends the pattern
    expect(m('/ab*ba$', '/aba')).toBe(false); // the last segment may not overlap the middle ones
    expect(m('/ab*ba$', '/abba')).toBe(true);
    expect(m('*', '/anything')).toBe(true);
    expect(m('/**x**', '/yx')).toBe(true);
  });

  it('decides patterns built to backtrack in well under a second', () => {
    const evil = `/${'*a'.repeat(14)}*b`;
    const path = `/${'a'.repeat(2000)}`;
    const t0 = performance.now();
    for (let i = 0; i < 100; i++) expect(compileRobotsPattern(evil).matches(path)).toBe(false);
    expect(compileRobotsPattern(`${evil}$`).matches(`${path}b`)).toBe(true);
    // The whole robots.txt path: a file of such rules against a long path.
    const rules = parseRobots(`User-agent: *\n${Array.from({ length: 2000 }, (_, i) => `Disallow: /*a*a*a*a*a*a*a*a*a*a*b${i}`).join('\n')}`, 'PulseBot');
    expect(rules.isAllowed(`http://h.example${path}`)).toBe(true);
    // A backtracking matcher takes minutes here; a generous bound keeps the test meaningful on a busy machine.
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('agrees with the regex translation on random patterns and paths', () => {
    const rnd = seededRandom(15);
    const alphabet = ['a', 'b', '/', '.', '*', '$', '?', '='];
    const pick = (chars: string[], n: number): string => Array.from({ length: n }, () => chars[Math.floor(rnd() * chars.length)]).join('');
    let matched = 0;
    const disagreements: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const pattern = `/${pick(alphabet, Math.floor(rnd() * 8))}`;
      const path = `/${pick(['a', 'b', '/', '.', '$', '?', '='], Math.floor(rnd() * 12))}`;
      const got = compileRobotsPattern(pattern).matches(path);
      if (got !== reference(pattern, path)) disagreements.push(`${pattern} vs ${path}`);
      if (got) matched++;
    }
    expect(disagreements).toEqual([]);
    // Both verdicts occur often enough for the comparison to mean something.
    expect(matched).toBeGreaterThan(2000);
    expect(matched).toBeLessThan(18_000);
  });

  it('keeps the verdicts of longest match with Allow winning ties, whatever the rule order', () => {
    const txt = 'User-agent: *\nAllow: /p\nDisallow: /p\nDisallow: /page$\nAllow: /*.html\nDisallow: /private/*.html';
    const r = parseRobots(txt, 'PulseBot');
    expect(r.isAllowed('http://h.example/p')).toBe(true);
    expect(r.isAllowed('http://h.example/page')).toBe(false);
    expect(r.isAllowed('http://h.example/pages')).toBe(true);
    expect(r.isAllowed('http://h.example/x.html')).toBe(true);
    expect(r.isAllowed('http://h.example/private/x.html')).toBe(false);
    expect(r.isAllowed('http://h.example/other')).toBe(true);
  });
});
