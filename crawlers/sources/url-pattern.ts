/**
 * Regular expressions from the sources file (`urlPattern`), checked when the file is loaded and matched by RE2
 * (re2js, pure JavaScript): time linear in the URL whatever the pattern, so `(a+)+$` cannot hold a worker's event
 * loop (with JavaScript's backtracking engine it froze one on a 40-character URL). The price is RE2's syntax: no
 * backreferences (`\1`) and no lookaround (`(?=…)`, `(?<=…)`); everything else a URL filter needs is there
 * (classes, `\d \w \b`, alternation, `{n,m}` up to 1000, anchors, `(?i)`, named groups). docs/sources.md lists it.
 */
import { RE2JS } from 're2js';
import { z } from 'zod';

export interface UrlMatcher {
  /** True when the pattern matches anywhere in the URL (like RegExp.test without flags). */
  test(url: string): boolean;
}

/** Compiles a pattern; throws with RE2's reason (e.g. "missing closing ]: `[`") when it is not valid RE2 syntax. */
export function compileUrlPattern(pattern: string): UrlMatcher {
  const re = RE2JS.compile(pattern);
  return { test: (url) => re.test(url) };
}

/** Why a pattern is refused, or undefined when it compiles. */
export function urlPatternProblem(pattern: string): string | undefined {
  try {
    compileUrlPattern(pattern);
    return undefined;
  } catch (error) {
    const reason = (error as Error).message.replace(/^error parsing regexp: /, '');
    return `is not a regular expression the crawler accepts (RE2 syntax: no backreferences or lookaround): ${reason}`;
  }
}

/** A sources-file field holding a regular expression; the loader's error then names file, source, field and pattern. */
export const UrlPatternField = z.string().min(1).superRefine((pattern, ctx) => {
  const problem = urlPatternProblem(pattern);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
