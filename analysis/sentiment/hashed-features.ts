/**
 * Hashed n-gram features for the sentiment model: character 2–3-grams of the plain text, word unigrams and bigrams,
 * words inside a negation scope (marked), the lexicon rules' hits (negated/plain/after-contrast polarity), and
 * emoticons/emoji. Takes a SentimentInput, writes feature indices into
 * a reusable buffer (no per-call allocation on the hot path). The layout is part of the model file's contract:
 * change anything here and FEATURE_LAYOUT must change with it.
 */
import { isClauseEnd, isClauseEndChar, isNegatorChar, mayContain } from '../token-classes.js';
import type { SentimentInput } from './sentiment-input.js';
import type { UnitSet } from '../unit-set.js';

export const FEATURE_LAYOUT = 'h4:c23n4+w12+neg3+lex+emo';

export interface FeatureOptions {
  /** log2 of the number of weight buckets. */
  bits: number;
  negators: ReadonlySet<string>;
  /** wordFilter(negators), if the caller built it: skips the Set lookup for most words. */
  negatorFilter?: UnitSet;
  /** Count each feature once per text (presence, not frequency). */
  binary?: boolean;
}

/** Feature indices of one text; `count` entries of `indices` are valid. */
export interface FeatureBuffer {
  indices: Int32Array;
  count: number;
}

const FNV_PRIME = 0x01000193;
const SEED_CHAR = 0x811c9dc5;
const SEED_WORD = 0x2f6b1d3a;
const SEED_BIGRAM = 0x5bd1e995;
const SEED_NEG = 0x1b873593;
const SEED_EMO = 0x7feb352d;
const SEED_LEX = 0x3c6ef372;
const NEGATION_SCOPE = 3;
const CHAR_NEGATION_SCOPE = 4;

/** Final avalanche so that the low bits used as index depend on every input unit. */
function finish(h: number, shift: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> shift;
}

function hashString(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

export function createFeatureBuffer(): FeatureBuffer {
  return { indices: new Int32Array(4096), count: 0 };
}

/**
 * Makes room for `needed` indices, so that extraction writes into a local array with a local counter (no capacity
 * check and no property store per feature).
 */
function reserve(buf: FeatureBuffer, needed: number): Int32Array {
  if (buf.indices.length < needed) {
    let size = buf.indices.length * 2;
    while (size < needed) size *= 2;
    buf.indices = new Int32Array(size);
  }
  return buf.indices;
}

export interface ExtractOptions {
  /** Leave emoticon features out (the "emoticons removed" evaluation and emoticon dropout in training). */
  dropEmoticons?: boolean;
}

export function extractFeatures(input: SentimentInput, options: FeatureOptions, buf: FeatureBuffer, extra: ExtractOptions = {}): FeatureBuffer {
  const shift = 32 - options.bits;
  const text = input.plain;
  const n = text.length;
  const hits = input.lexiconHits;
  // At most two n-grams per character, three features per word, one per hit and one per emoticon.
  const out = reserve(buf, 2 * n + 3 * input.words.length + (hits ? hits.length : 0) + input.emoticons.length);
  let count = 0;
  // Character n-grams that start within CHAR_NEGATION_SCOPE characters after a negator (不/没/无…, same clause) are
  // marked, so that 好用 in 很不好用 is not the 好用 of 很好用.
  let negated = 0;
  for (let i = 0; i < n; i++) {
    const c0 = text.charCodeAt(i);
    if (isClauseEndChar(c0)) {
      negated = 0;
      continue;
    }
    const mark = negated > 0 ? SEED_NEG : 0;
    negated = isNegatorChar(c0) ? CHAR_NEGATION_SCOPE : negated > 0 ? negated - 1 : 0;
    // No character unigrams: jieba's single-character words already carry them (and they cost a third of the time).
    let h = Math.imul(SEED_CHAR ^ c0, FNV_PRIME);
    if (i + 1 >= n) continue;
    const c1 = text.charCodeAt(i + 1);
    if (c1 === 32) continue;
    h = Math.imul(h ^ c1, FNV_PRIME);
    out[count++] = finish(h ^ 0x9e3779b9 ^ mark, shift);
    if (i + 2 >= n) continue;
    const c2 = text.charCodeAt(i + 2);
    if (c2 === 32) continue;
    h = Math.imul(h ^ c2, FNV_PRIME);
    out[count++] = finish(h ^ 0x3c6ef372 ^ mark, shift);
  }

  let prev = 0;
  let negatedFor = 0;
  const negatorFilter = options.negatorFilter;
  for (const w of input.words) {
    if (isClauseEnd(w)) {
      prev = 0;
      negatedFor = 0;
      continue;
    }
    const hw = hashString(w, SEED_WORD);
    out[count++] = finish(hw, shift);
    if (prev !== 0) out[count++] = finish(Math.imul(prev ^ SEED_BIGRAM, FNV_PRIME) ^ hw, shift);
    if (negatedFor > 0) {
      out[count++] = finish(hw ^ SEED_NEG, shift);
      negatedFor--;
    }
    if ((negatorFilter === undefined || mayContain(negatorFilter, w)) && options.negators.has(w)) negatedFor = NEGATION_SCOPE;
    prev = hw;
  }

  if (hits) for (let i = 0; i < hits.length; i++) out[count++] = finish(Math.imul(SEED_LEX ^ hits[i]!, FNV_PRIME), shift);
  // Emoticons last: training splits them off for dropout.
  if (!extra.dropEmoticons) for (const e of input.emoticons) out[count++] = finish(hashString(e, SEED_EMO), shift);
  buf.count = options.binary ? uniqueSorted(out, 0, count) : count;
  return buf;
}

/** Sorts indices[from, to) and drops repeats in place; gives the new end. */
export function uniqueSorted(indices: Int32Array, from: number, to: number): number {
  if (to - from < 2) return to;
  indices.subarray(from, to).sort();
  let out = from + 1;
  for (let i = from + 1; i < to; i++) if (indices[i] !== indices[out - 1]) indices[out++] = indices[i]!;
  return out;
}
