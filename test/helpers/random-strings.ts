/**
 * Seeded random strings over a small alphabet of the units that matter to a scanner, for tests that compare a
 * hand-written scan with the regex it replaces. Deterministic (mulberry32 from `seed`), so a failure names a string
 * that comes back on every run. (A plain LCG taken modulo a small n repeats its low bits: with it, 3,000 draws
 * gave fewer than 100 distinct strings.)
 */
import { seededRandom } from '../../analysis/sentiment/train/seeded-random.js';

export interface RandomStringOptions {
  count: number;
  seed: number;
  /** Each string has minLength + (0 … lengthSpan − 1) pieces of the alphabet. */
  minLength?: number;
  lengthSpan: number;
}

export function randomStrings(alphabet: readonly string[], options: RandomStringOptions): string[] {
  const random = seededRandom(options.seed);
  const rnd = (n: number): number => Math.floor(random() * n);
  const out: string[] = [];
  for (let k = 0; k < options.count; k++) {
    let t = '';
    const len = (options.minLength ?? 0) + rnd(options.lengthSpan);
    for (let j = 0; j < len; j++) t += alphabet[rnd(alphabet.length)];
    out.push(t);
  }
  return out;
}
