/**
 * Multi-term substring matcher: terms are indexed by their first UTF-16 unit, so a scan costs one Map lookup per
 * character plus a startsWith per candidate (no regex alternation, no per-character string allocation).
 * Gives hits in text order; at one position longer terms come first. Never mutates its input.
 */

export interface TermEntry<P> {
  term: string;
  payload: P;
}

export interface TermMatcher<P> {
  /** Calls `onHit` for every occurrence of every term (overlaps included), in order of position. */
  scan(text: string, onHit: (entry: TermEntry<P>, index: number) => void): void;
  readonly size: number;
}

export function createTermMatcher<P>(entries: Iterable<TermEntry<P>>): TermMatcher<P> {
  const byFirst = new Map<number, TermEntry<P>[]>();
  let size = 0;
  for (const entry of entries) {
    if (entry.term.length === 0) continue;
    const key = entry.term.charCodeAt(0);
    let bucket = byFirst.get(key);
    if (!bucket) byFirst.set(key, (bucket = []));
    bucket.push(entry);
    size++;
  }
  for (const bucket of byFirst.values()) bucket.sort((a, b) => b.term.length - a.term.length);
  return {
    size,
    scan(text, onHit) {
      for (let i = 0; i < text.length; i++) {
        const bucket = byFirst.get(text.charCodeAt(i));
        if (bucket === undefined) continue;
        for (const entry of bucket) {
          if (entry.term.length === 1 || text.startsWith(entry.term, i)) onHit(entry, i);
        }
      }
    },
  };
}
