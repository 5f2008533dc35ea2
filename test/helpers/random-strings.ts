/**
 * Seeded random strings over a small alphabet of the units that matter to a scanner, for tests that compare a
 * hand-written scan with the regex it replaces. Deterministic (an LCG from `seed`), so a failure names a string that
 * comes back on every run.
 */
export interface RandomStringOptions {
  count: number;
  seed: number;
  /** Each string has minLength + (0 … lengthSpan − 1) pieces of the alphabet. */
  minLength?: number;
  lengthSpan: number;
}

export function randomStrings(alphabet: readonly string[], options: RandomStringOptions): string[] {
  let seed = options.seed;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const out: string[] = [];
  for (let k = 0; k < options.count; k++) {
    let t = '';
    const len = (options.minLength ?? 0) + rnd(options.lengthSpan);
    for (let j = 0; j < len; j++) t += alphabet[rnd(alphabet.length)];
    out.push(t);
  }
  return out;
}
