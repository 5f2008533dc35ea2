/**
 * One robots.txt path pattern (RFC 9309 §2.2.3: `*` = any run of characters, a final `$` = end of path) compiled to
 * literal segments and matched without regular expressions. Matching is a greedy left-to-right scan: the first
 * segment must be a prefix, each middle segment is taken at its leftmost occurrence, the last one at its leftmost
 * (or, with `$`, as the path's suffix). Work is bounded by path length × pattern length whatever the file says —
 * a backtracking regex for `/*a*a*a*a*a*a*a*a*a*a*b` took 90 s on a 40-character path (issue #15).
 */
export interface RobotsPattern {
  /** The pattern as written (after percent-encoding normalization); its length decides the longest match. */
  readonly source: string;
  matches(path: string): boolean;
}

export function compileRobotsPattern(source: string): RobotsPattern {
  // Only a final `$` anchors; elsewhere it is an ordinary character, as in Google's reference parser.
  const anchored = source.endsWith('$');
  const parts = (anchored ? source.slice(0, -1) : source).split('*');
  const first = parts[0] ?? '';
  if (parts.length === 1) {
    return { source, matches: anchored ? (path) => path === first : (path) => path.startsWith(first) };
  }
  const last = parts[parts.length - 1] ?? '';
  // Empty middle segments (from `**`) match anywhere and are dropped.
  const middle = parts.slice(1, -1).filter((p) => p !== '');
  return {
    source,
    matches(path: string): boolean {
      if (!path.startsWith(first)) return false;
      let pos = first.length;
      for (const seg of middle) {
        const at = path.indexOf(seg, pos);
        if (at < 0) return false;
        pos = at + seg.length;
      }
      if (anchored) return path.length - last.length >= pos && path.endsWith(last);
      return last === '' || path.indexOf(last, pos) >= 0;
    },
  };
}
