/**
 * Copy-paste waves: MinHash signature (16-bit values) over token bigrams, and LSH band keys. Two posts whose bigram sets have
 * Jaccard similarity s share at least one band with probability 1 − (1 − s^ROWS)^BANDS (s=0.8 → 0.9996, s=0.5 → 0.47,
 * s=0.3 → 0.05). Pure and allocation-light; the ClusterStore turns shared bands into one cluster id.
 */
import { createSimdMinHash, type SimdMinHash } from './minhash-simd.js';

/** Number of bands and rows per band; HASHES = BANDS × ROWS. Changing them changes every band key (bump VERSION). */
export const BANDS = 20;
export const ROWS = 5;
export const HASHES = BANDS * ROWS;
/** Part of every band key, so band keys of an older scheme never match new ones. */
export const NEAR_DUPLICATE_VERSION = 'mh3';
/** Fewer shingles than this: too little text to call anything a copy; the doc gets no bands (its own cluster). */
export const MIN_SHINGLES = 3;

/**
 * MinHash values, length HASHES, or length 0 when the text had fewer than MIN_SHINGLES shingles. Values are 16-bit
 * (b-bit MinHash): each 32-bit mix yields two hash functions, halving the cost; two different shingles tie on a
 * 16-bit minimum with probability ~1/65536, a negligible bias for near-duplicate detection.
 */
export type MinHashSignature = Uint32Array;

// Fixed seeds (a deterministic LCG), so signatures are stable across processes and deploys; one per hash pair.
const SEEDS = new Uint32Array(HASHES / 2);
{
  let x = 0x2545f491;
  for (let i = 0; i < SEEDS.length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    SEEDS[i] = x;
  }
}

/** murmur3 finalizer: a cheap, well-mixed 32-bit permutation. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Code unit that carries no content: ASCII space/punctuation, general punctuation and symbols, CJK punctuation,
 * full-width punctuation, emoji (surrogates of the emoji planes), variation selectors and zero-width characters. */
function isNoiseUnit(c: number): boolean {
  if (c < 0x80) return !((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a));
  return (
    (c >= 0x2000 && c <= 0x2bff) ||
    (c >= 0x3000 && c <= 0x303f) ||
    (c >= 0xff00 && c <= 0xff0f) ||
    (c >= 0xff1a && c <= 0xff20) ||
    (c >= 0xd83c && c <= 0xd83e) ||
    (c >= 0xdc00 && c <= 0xdfff) ||
    c === 0xfe0f ||
    c === 0x00a0
  );
}

// Punctuation, symbols and emoji differ between copies of one ad; they are not evidence of similarity.
function isNoiseToken(token: string): boolean {
  for (let i = 0; i < token.length; i++) if (!isNoiseUnit(token.charCodeAt(i))) return false;
  return true;
}

/**
 * FNV-1a of `token.toLowerCase()` without allocating the lowered copy for ASCII and CJK (caseless) text, or -1 when
 * the token is noise (every unit isNoiseUnit): one pass over the token for both questions.
 */
function contentHash(token: string): number {
  let h = 0x811c9dc5;
  let content = false;
  for (let i = 0; i < token.length; i++) {
    let c = token.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    } else if (c < 0x2e80 || c > 0x9fff) {
      // Other scripts: Unicode lowercasing may change the length (İ → i̇).
      return isNoiseToken(token) ? -1 : fnv1a(token.toLowerCase());
    }
    if (!content && !isNoiseUnit(c)) content = true;
    h ^= c;
    h = Math.imul(h, 0x01000193);
  }
  return content ? h >>> 0 : -1;
}

// Shingle hashes of the document being signed, reused across calls (signature() is synchronous).
let shingleBuffer = new Int32Array(512);
// The WebAssembly SIMD kernel, decided on first use (null: not available here, the JS loop runs).
let simdKernel: SimdMinHash | null | undefined;

export interface SignatureOptions {
  /** false: the portable JS loop even where WebAssembly SIMD exists (both give the same values). */
  simd?: boolean;
}

/**
 * MinHash signature of a token sequence; shingles are adjacent pairs of content tokens (punctuation/emoji skipped).
 * The shingle hashes are collected first, then each hash function runs over all of them (four at a time in the
 * SIMD kernel) with its two minima in registers: the same minima as updating HASHES slots per shingle.
 */
export function signature(tokens: readonly string[], options: SignatureOptions = {}): MinHashSignature {
  const simd = options.simd === false ? null : (simdKernel ??= createSimdMinHash(SEEDS));
  let pairs: Int32Array;
  if (simd) pairs = simd.pairs(tokens.length);
  else {
    if (shingleBuffer.length < tokens.length) shingleBuffer = new Int32Array(tokens.length * 2);
    pairs = shingleBuffer;
  }
  let prev = -1;
  let shingles = 0; // at most tokens.length − 1: the buffer never overflows
  for (const token of tokens) {
    const h = contentHash(token); // -1 for empty and noise tokens
    if (h < 0) continue;
    if (prev >= 0) pairs[shingles++] = fmix32(Math.imul(prev, 0x9e3779b1) ^ h);
    prev = h;
  }
  if (shingles < MIN_SHINGLES) return new Uint32Array(0);
  const mins = new Uint32Array(HASHES);
  if (simd) simd.run(shingles, mins);
  else jsMinima(pairs, shingles, mins);
  return mins;
}

/** The portable kernel: for seed j, mins[2j] / mins[2j + 1] = minimum high / low 16 bits of fmix32(pair ^ seed). */
function jsMinima(pairs: Int32Array, shingles: number, mins: Uint32Array): void {
  // Two seeds per pass over the shingles (four hash functions): independent work the CPU overlaps.
  for (let i = 0, j = 0; i < HASHES; i += 4, j += 2) {
    const seedA = SEEDS[j] as number;
    const seedB = SEEDS[j + 1] as number;
    let hiA = 0xffff;
    let loA = 0xffff;
    let hiB = 0xffff;
    let loB = 0xffff;
    for (let k = 0; k < shingles; k++) {
      const pair = pairs[k] as number;
      // fmix32(pair ^ seed), inlined; the high and low 16 bits are two hash functions.
      let a = pair ^ seedA;
      a ^= a >>> 16;
      a = Math.imul(a, 0x85ebca6b);
      a ^= a >>> 13;
      a = Math.imul(a, 0xc2b2ae35);
      a ^= a >>> 16;
      let b = pair ^ seedB;
      b ^= b >>> 16;
      b = Math.imul(b, 0x85ebca6b);
      b ^= b >>> 13;
      b = Math.imul(b, 0xc2b2ae35);
      b ^= b >>> 16;
      // Branch-free minima (d >> 31 is all ones when d < 0): on random hashes a compare-and-branch mispredicts often.
      let d = (a >>> 16) - hiA;
      hiA += d & (d >> 31);
      d = (a & 0xffff) - loA;
      loA += d & (d >> 31);
      d = (b >>> 16) - hiB;
      hiB += d & (d >> 31);
      d = (b & 0xffff) - loB;
      loB += d & (d >> 31);
    }
    mins[i] = hiA;
    mins[i + 1] = loA;
    mins[i + 2] = hiB;
    mins[i + 3] = loB;
  }
}

// Band keys spell the band's rows out instead of hashing them: five 16-bit minima are 80 bits, three base64url
// characters each, so two keys are equal exactly when the bands are (no digest, no collisions), and the whole key
// comes from one String.fromCharCode call of one-byte characters (cheaper than a 64-bit digest and its hex).
const KEY_ALPHABET = Uint8Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', (c) => c.charCodeAt(0));
const KEY_PREFIX = Uint8Array.from(`${NEAR_DUPLICATE_VERSION}:`, (c) => c.charCodeAt(0));
if (KEY_PREFIX.length !== 4 || BANDS > 64 || ROWS !== 5) throw new Error('band key layout: update bands()');

/**
 * LSH band keys of a signature: `mh3:<band as one base64url char>:<15 base64url chars of its 5 rows>`; empty for an
 * empty signature.
 */
export function bands(sig: MinHashSignature): string[] {
  if (sig.length !== HASHES) return [];
  const x = KEY_ALPHABET;
  const p = KEY_PREFIX;
  const out: string[] = new Array<string>(BANDS);
  for (let b = 0, r = 0; b < BANDS; b++, r += ROWS) {
    const v0 = sig[r]!;
    const v1 = sig[r + 1]!;
    const v2 = sig[r + 2]!;
    const v3 = sig[r + 3]!;
    const v4 = sig[r + 4]!;
    out[b] = String.fromCharCode(
      p[0]!, p[1]!, p[2]!, p[3]!, x[b]!, 0x3a,
      x[v0 >>> 12]!, x[(v0 >>> 6) & 63]!, x[v0 & 63]!,
      x[v1 >>> 12]!, x[(v1 >>> 6) & 63]!, x[v1 & 63]!,
      x[v2 >>> 12]!, x[(v2 >>> 6) & 63]!, x[v2 & 63]!,
      x[v3 >>> 12]!, x[(v3 >>> 6) & 63]!, x[v3 & 63]!,
      x[v4 >>> 12]!, x[(v4 >>> 6) & 63]!, x[v4 & 63]!,
    );
  }
  return out;
}

/** Estimated Jaccard similarity of two signatures (share of equal MinHash values); 0 when either is empty. */
export function estimatedSimilarity(a: MinHashSignature, b: MinHashSignature): number {
  if (a.length !== HASHES || b.length !== HASHES) return 0;
  let same = 0;
  for (let i = 0; i < HASHES; i++) if (a[i] === b[i]) same++;
  return same / HASHES;
}
