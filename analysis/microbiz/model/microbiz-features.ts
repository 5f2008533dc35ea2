/**
 * Features of the learned micro-business model: hashed character 1–2-grams of the normalized plain text and hashed
 * jieba words (presence, weighted 1/√count as the sentiment model does), then a few dense slots that carry what the
 * rule layers already see — the speaker rules' class shares and signals, the aspect vocabulary's evidence and the
 * analyzer's sentiment. One sparse row per text; the same function serves training and the analyzer, so both see
 * the same text through the same normalization (the analyzer's MicrobizInput).
 */
import { AspectName as AspectNames, SpeakerType as SpeakerTypes, type Sentiment } from '../../analyzed-document.js';
import { SpeakerSignal } from '../rules-data.js';

export const MICROBIZ_FEATURE_LAYOUT = 'mbf1:c12+w1+dense';

/** Names of the dense slots, in order (they follow the 2^bits hashed buckets). */
export const DENSE_FEATURES: readonly string[] = [
  ...SpeakerTypes.options.map((c) => `speaker_rule:${c}`),
  ...SpeakerSignal.options.map((s) => `signal:${s}`),
  ...AspectNames.options.map((a) => `aspect_rule:${a}`),
  'sentiment:score',
  'sentiment:neg',
  'sentiment:neu',
  'sentiment:pos',
  'length',
  'bias_dense',
];

/** Caps of the speaker signals before scaling to [0, 1] (counts beyond them say nothing new). */
const SIGNAL_CAPS: Record<string, number> = { contacts: 2, prices: 3, emoji: 3, exclamations: 3, questions: 3, firstPerson: 4, secondPerson: 4 };

/** What the rule layers and the analyzer say about one text, besides its words. */
export interface RuleViews {
  /** Speaker rules' raw class scores, SpeakerType.options order. */
  speakerScores: Float64Array;
  /** Speaker signals' raw values, SpeakerSignal.options order. */
  signals: Float64Array;
  /** Aspect vocabulary evidence, AspectName.options order. */
  aspectEvidence: Float64Array;
  sentiment: Sentiment;
}

/** A sparse feature row: `count` (index, value) pairs; indices below 2^bits are hashed, above are dense slots. */
export interface SparseRow {
  indices: Int32Array;
  values: Float32Array;
  count: number;
}

const FNV_PRIME = 0x01000193;
const SEED_CHAR = 0x811c9dc5;
const SEED_WORD = 0x2f6b1d3a;

function finish(h: number, shift: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> shift;
}

// Spaces and the punctuation that ends or splits clauses carry no content of their own as unigrams.
const isBreak = (c: number): boolean => c === 32 || c === 10 || c === 0x3002 || c === 0xff0c || c === 0x2c || c === 0x3001;

// Quotation marks as pages write them (“…”, ‘…’, 「…」, 『…』, ASCII " and ') count as one mark: a page's ASCII
// quotes must read like another's Chinese ones (normalization already folds full-width forms and 繁→简).
const canon = (c: number): number =>
  c === 0x27 || c === 0x2018 || c === 0x2019 || c === 0x201c || c === 0x201d || (c >= 0x300c && c <= 0x300f) ? 0x22 : c;

export function createSparseRow(): SparseRow {
  return { indices: new Int32Array(1024), values: new Float32Array(1024), count: 0 };
}

/** Hashed indices of `plain` and `words` (sorted, unique) into `scratch`; gives how many. */
function hashedIndices(plain: string, words: readonly string[], bits: number, scratch: { buf: Int32Array }): number {
  const shift = 32 - bits;
  const need = 2 * plain.length + words.length + 1;
  if (scratch.buf.length < need) scratch.buf = new Int32Array(need * 2);
  const out = scratch.buf;
  let count = 0;
  const n = plain.length;
  for (let i = 0; i < n; i++) {
    const c0 = canon(plain.charCodeAt(i));
    if (isBreak(c0)) continue;
    const h = Math.imul(SEED_CHAR ^ c0, FNV_PRIME);
    out[count++] = finish(h, shift);
    if (i + 1 >= n) continue;
    const c1 = canon(plain.charCodeAt(i + 1));
    if (isBreak(c1)) continue;
    out[count++] = finish(Math.imul(h ^ c1, FNV_PRIME) ^ 0x9e3779b9, shift);
  }
  for (const w of words) {
    if (w.length < 2) continue; // single characters are the unigrams above
    let h = SEED_WORD;
    for (let i = 0; i < w.length; i++) h = Math.imul(h ^ canon(w.charCodeAt(i)), FNV_PRIME);
    out[count++] = finish(h, shift);
  }
  return uniqueInPlace(out, count, bits);
}

// Presence, not counts: a bucket counts once per text. A stamp per bucket (one pass, no sort) says which are taken.
let stamps = new Uint32Array(0);
let stamp = 0;
function uniqueInPlace(indices: Int32Array, count: number, bits: number): number {
  if (stamps.length !== 1 << bits) {
    stamps = new Uint32Array(1 << bits);
    stamp = 0;
  }
  if (++stamp === 0xffffffff) {
    stamps.fill(0);
    stamp = 1;
  }
  let out = 0;
  for (let i = 0; i < count; i++) {
    const k = indices[i] as number;
    if (stamps[k] === stamp) continue;
    stamps[k] = stamp;
    indices[out++] = k;
  }
  return out;
}

const indexScratch = { buf: new Int32Array(4096) };

/** Softmax shares of raw scores (the speaker rules' view as probabilities: bounded, whatever the rules' scale). */
function softmaxInto(scores: Float64Array, out: Float32Array, at: number): void {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let z = 0;
  for (const s of scores) z += Math.exp(s - max);
  for (let c = 0; c < scores.length; c++) out[at + c] = Math.exp((scores[c] as number) - max) / z;
}

/** The feature row of one text into `row` (reused between calls). */
export function extractMicrobizFeatures(plain: string, words: readonly string[], views: RuleViews, bits: number, row: SparseRow): SparseRow {
  const hashed = hashedIndices(plain, words, bits, indexScratch);
  const total = hashed + DENSE_FEATURES.length;
  if (row.indices.length < total) {
    row.indices = new Int32Array(total * 2);
    row.values = new Float32Array(total * 2);
  }
  const weight = hashed > 0 ? 1 / Math.sqrt(hashed) : 0;
  row.indices.set(indexScratch.buf.subarray(0, hashed));
  row.values.fill(weight, 0, hashed);
  const base = 1 << bits;
  let at = hashed;
  for (let d = 0; d < DENSE_FEATURES.length; d++) row.indices[at + d] = base + d;
  const v = row.values;
  softmaxInto(views.speakerScores, v, at);
  at += views.speakerScores.length;
  SpeakerSignal.options.forEach((name, s) => {
    const cap = SIGNAL_CAPS[name] ?? 1;
    v[at + s] = Math.min(views.signals[s] as number, cap) / cap;
  });
  at += SpeakerSignal.options.length;
  for (let a = 0; a < AspectNames.options.length; a++) v[at + a] = Math.min(views.aspectEvidence[a] as number, 2) / 2;
  at += AspectNames.options.length;
  const s = views.sentiment;
  v[at++] = s.score;
  v[at++] = s.label === 'neg' ? 1 : 0;
  v[at++] = s.label === 'neu' ? 1 : 0;
  v[at++] = s.label === 'pos' ? 1 : 0;
  v[at++] = Math.min(1, Math.log1p(plain.length) / 8);
  v[at++] = 1;
  row.count = total;
  return row;
}

/** A copy of the row's valid part (training keeps one per text). */
export function copyRow(row: SparseRow): SparseRow {
  return { indices: row.indices.slice(0, row.count), values: row.values.slice(0, row.count), count: row.count };
}

const CONTACT_SLOT = DENSE_FEATURES.indexOf('signal:contacts');
const RULE_SLOT0 = DENSE_FEATURES.indexOf(`speaker_rule:${SpeakerTypes.options[0]}`);
const RULE_SELLER = SpeakerTypes.options.indexOf('seller_ad');
const ASPECT_SLOT0 = DENSE_FEATURES.indexOf(`aspect_rule:${AspectNames.options[0]}`);

/** Value of dense slot `d` of a row built by extractMicrobizFeatures (its dense slots are its last entries, in order). */
const denseValue = (row: SparseRow, d: number): number => row.values[row.count - DENSE_FEATURES.length + d] as number;

/**
 * True when the text holds a contact id (WeChat, QQ, phone: redacted) and the speaker rules' likeliest class is
 * seller_ad — the Moments-style ad ("加微信…"), which the real passages do not contain (none of them holds a contact
 * id), so the learned model cannot know it. Read from the row, so training, evaluation and the analyzer agree.
 */
export function isContactAd(row: SparseRow, _bits: number): boolean {
  if (denseValue(row, CONTACT_SLOT) <= 0) return false;
  const seller = denseValue(row, RULE_SLOT0 + RULE_SELLER);
  for (let c = 0; c < SpeakerTypes.options.length; c++) if (c !== RULE_SELLER && denseValue(row, RULE_SLOT0 + c) >= seller) return false;
  return true;
}

/**
 * Per aspect (AspectName order), whether the vocabulary alone reports it (evidence ≥ 1, the rules' threshold: its
 * slot holds min(evidence, 2)/2). The analyzer keeps these hits besides the model's: see decideAspects.
 */
export function ruleAspects(row: SparseRow, _bits: number, out: Uint8Array): Uint8Array {
  for (let a = 0; a < AspectNames.options.length; a++) out[a] = denseValue(row, ASPECT_SLOT0 + a) >= 0.5 ? 1 : 0;
  return out;
}
