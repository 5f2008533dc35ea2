/**
 * The learned micro-business model at prediction time: its file format (JSON: per head the biases, int8 hashed
 * weights with one scale, float dense weights; the seller_ad threshold and the aspect thresholds), loading, and the
 * two decisions — speaker (seller_ad only above its precision threshold, else the best other class, consumer and
 * agent judged together) and aspects. The document's sentiment is not the model's: it stays the general scorer's
 * (the one `npm run eval:sentiment` measures). Training (train-microbiz-model.ts) builds this very file and
 * cross-validation scores through these very functions, so what is measured is what ships.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AspectName as AspectNames, SpeakerType as SpeakerTypes, type AspectName, type SpeakerType } from '../../analyzed-document.js';
import { AnalysisError } from '../../errors.js';
import { DENSE_FEATURES, MICROBIZ_FEATURE_LAYOUT, type SparseRow } from './microbiz-features.js';

export const DEFAULT_MICROBIZ_MODEL_FILE = fileURLToPath(new URL('../data/microbiz-model.v2.json', import.meta.url));

const HeadFile = z.object({
  kind: z.enum(['softmax', 'sigmoid']),
  classes: z.array(z.string()).min(1),
  bias: z.array(z.number()),
  /** Hashed weights: int8, class-major (classes × 2^bits), base64; weight = value × scale. */
  scale: z.number().nonnegative(),
  hashed: z.string(),
  /** Dense-slot weights, class-major (classes × dense.length). */
  dense: z.array(z.number()),
});
export type HeadFile = z.infer<typeof HeadFile>;

export const MicrobizModelFile = z.object({
  $comment: z.string().optional(),
  version: z.string(),
  layout: z.string(),
  bits: z.number().int().min(8).max(20),
  dense: z.array(z.string()),
  /** Data classes: seller_ad, consumer, agent, media, other (SpeakerType order). */
  speaker: HeadFile,
  /** One sigmoid per AspectName. */
  aspects: HeadFile,
  /** seller_ad is called only when its probability reaches this (chosen by inner cross-validation for precision). */
  sellerThreshold: z.number(),
  /** Per aspect (AspectName order): present when its probability reaches this. */
  aspectThresholds: z.array(z.number()),
  training: z.record(z.string(), z.unknown()).optional(),
});
export type MicrobizModelFile = z.infer<typeof MicrobizModelFile>;

/** The passages' 3 sentiment classes (the labels the data carries; no shipped head predicts them). */
export const SENTIMENT_CLASSES = ['neg', 'neu', 'pos'] as const;

const SPEAKER_CLASSES = SpeakerTypes.options.length;
const ASPECT_CLASSES = AspectNames.options.length;

/**
 * Both heads in one table: per row, outputs 0..4 are the speaker's (softmax) and 5..12 the aspects' (sigmoids).
 * The hashed weights are feature-major with a stride of 16 bytes (13 used), so one pass over a row's features reads
 * one cache line per feature for every output: the table is looked up at random and jieba's dictionary evicts it
 * between documents, so lines fetched, not arithmetic, are what a pass costs.
 */
export interface CompiledHeads {
  /** Outputs (speaker classes, then aspects). */
  outputs: number;
  stride: number;
  /** hashed[feature × stride + output]: int8, weight = value × scale[output]. */
  hashed: Int8Array;
  scale: Float64Array;
  /** dense[output × DENSE_FEATURES.length + slot]. */
  dense: Float64Array;
  bias: Float64Array;
}

export interface MicrobizModel {
  readonly version: string;
  readonly bits: number;
  readonly heads: CompiledHeads;
  readonly sellerThreshold: number;
  readonly aspectThresholds: Float64Array;
}

function checkHead(head: HeadFile, bits: number, expectedClasses: readonly string[], file: string): Int8Array {
  const k = head.classes.length;
  const hashed = new Int8Array(Buffer.from(head.hashed, 'base64'));
  const ok =
    head.classes.join() === expectedClasses.join() && head.bias.length === k && hashed.length === k << bits && head.dense.length === k * DENSE_FEATURES.length;
  if (!ok) throw new AnalysisError('MODEL_INCOMPATIBLE', `micro-business model ${file}: a head does not match classes ${expectedClasses.join(',')} and ${bits} bits`, { file });
  return hashed;
}

function compileHeads(file: MicrobizModelFile, name: string): CompiledHeads {
  const heads = [
    { head: file.speaker, hashed: checkHead(file.speaker, file.bits, SpeakerTypes.options, name) },
    { head: file.aspects, hashed: checkHead(file.aspects, file.bits, AspectNames.options, name) },
  ];
  const outputs = SPEAKER_CLASSES + ASPECT_CLASSES;
  const stride = 16;
  const size = 1 << file.bits;
  const out: CompiledHeads = {
    outputs,
    stride,
    hashed: new Int8Array(size * stride),
    scale: new Float64Array(outputs),
    dense: new Float64Array(outputs * DENSE_FEATURES.length),
    bias: new Float64Array(outputs),
  };
  let o = 0;
  for (const { head, hashed } of heads) {
    for (let c = 0; c < head.classes.length; c++, o++) {
      for (let j = 0; j < size; j++) out.hashed[j * stride + o] = hashed[c * size + j] as number;
      out.scale[o] = head.scale;
      out.bias[o] = head.bias[c] as number;
      out.dense.set(head.dense.slice(c * DENSE_FEATURES.length, (c + 1) * DENSE_FEATURES.length), o * DENSE_FEATURES.length);
    }
  }
  return out;
}

/** `hash`: a short digest of the file's bytes, appended to its version (so a retrained file stamps a new version). */
export function compileMicrobizModel(file: MicrobizModelFile, name = '(in memory)', hash = ''): MicrobizModel {
  if (file.layout !== MICROBIZ_FEATURE_LAYOUT || file.dense.join() !== DENSE_FEATURES.join()) {
    throw new AnalysisError('MODEL_INCOMPATIBLE', `micro-business model ${name} uses features ${file.layout}, this code computes ${MICROBIZ_FEATURE_LAYOUT}`, { file: name });
  }
  return {
    version: hash ? `${file.version}.${hash}` : file.version,
    bits: file.bits,
    heads: compileHeads(file, name),
    sellerThreshold: file.sellerThreshold,
    aspectThresholds: Float64Array.from(file.aspectThresholds),
  };
}

export function loadMicrobizModel(path = DEFAULT_MICROBIZ_MODEL_FILE): MicrobizModel {
  let raw: unknown;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
    raw = JSON.parse(text);
  } catch (err) {
    throw new AnalysisError('ANALYSIS_RESOURCE_INVALID', `micro-business model ${path} cannot be read: ${(err as Error).message}`, { file: path });
  }
  const parsed = MicrobizModelFile.safeParse(raw);
  if (!parsed.success) throw new AnalysisError('ANALYSIS_RESOURCE_INVALID', `micro-business model ${path} is malformed: ${parsed.error.message}`, { file: path });
  return compileMicrobizModel(parsed.data, path, createHash('sha1').update(text).digest('hex').slice(0, 6));
}

const logitScratch = new Float64Array(SPEAKER_CLASSES + ASPECT_CLASSES);

/**
 * The speaker's class probabilities (SpeakerType order) into `speaker` and every aspect's (AspectName order) into
 * `aspects`, for one row: one pass over its hashed features for both heads, then its dense slots.
 */
export function modelProbabilities(model: MicrobizModel, row: SparseRow, speaker: Float64Array, aspects: Float64Array): void {
  const { heads } = model;
  const size = 1 << model.bits;
  const nd = DENSE_FEATURES.length;
  const k = heads.outputs;
  const stride = heads.stride;
  const w = heads.hashed;
  const out = logitScratch.fill(0);
  // The row lists its hashed slots first, then the dense ones.
  let i = 0;
  for (; i < row.count; i++) {
    const j = row.indices[i] as number;
    if (j >= size) break;
    const v = row.values[i] as number;
    const at = j * stride;
    for (let c = 0; c < k; c++) out[c] = (out[c] as number) + (w[at + c] as number) * v;
  }
  for (let c = 0; c < k; c++) out[c] = (out[c] as number) * (heads.scale[c] as number);
  for (; i < row.count; i++) {
    const d = (row.indices[i] as number) - size;
    const v = row.values[i] as number;
    for (let c = 0; c < k; c++) out[c] = (out[c] as number) + (heads.dense[c * nd + d] as number) * v;
  }
  for (let c = 0; c < k; c++) out[c] = (out[c] as number) + (heads.bias[c] as number);
  // Speaker: softmax over its outputs.
  let max = -Infinity;
  for (let c = 0; c < SPEAKER_CLASSES; c++) if ((out[c] as number) > max) max = out[c] as number;
  let z = 0;
  for (let c = 0; c < SPEAKER_CLASSES; c++) z += speaker[c] = Math.exp((out[c] as number) - max);
  for (let c = 0; c < SPEAKER_CLASSES; c++) speaker[c] = (speaker[c] as number) / z;
  // Aspects: one sigmoid each.
  for (let a = 0; a < ASPECT_CLASSES; a++) aspects[a] = 1 / (1 + Math.exp(-(out[SPEAKER_CLASSES + a] as number)));
}

const SELLER = SpeakerTypes.options.indexOf('seller_ad');
const CONSUMER = SpeakerTypes.options.indexOf('consumer');
const AGENT = SpeakerTypes.options.indexOf('agent');
const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * seller_ad when its probability reaches `threshold` (so the views that leave ads out hide people rarely);
 * or when `contactAd` (isContactAd: a contact id and the rules' seller call, outside the real data's coverage);
 * otherwise the most probable of the rest, consumer and agent counted together as one voice (they are told apart
 * afterwards by which of the two is likelier). Confidence: that class's (merged) probability.
 */
export function decideSpeaker(probs: Float64Array, threshold: number, contactAd = false): { type: SpeakerType; confidence: number } {
  const seller = probs[SELLER] as number;
  if (seller >= threshold || contactAd) return { type: 'seller_ad', confidence: round(Math.max(seller, contactAd ? 0.5 : 0)) };
  let best = -1;
  let bestP = -1;
  const voice = (probs[CONSUMER] as number) + (probs[AGENT] as number);
  for (let c = 0; c < SpeakerTypes.options.length; c++) {
    if (c === SELLER || c === AGENT) continue;
    const p = c === CONSUMER ? voice : (probs[c] as number);
    if (p > bestP) [best, bestP] = [c, p];
  }
  if (best === CONSUMER && (probs[AGENT] as number) > (probs[CONSUMER] as number)) best = AGENT;
  return { type: SpeakerTypes.options[best] as SpeakerType, confidence: round(bestP) };
}

/**
 * Aspects whose probability reaches their threshold, or that the vocabulary reports on its own (`byRules`, see
 * ruleAspects), likeliest first.
 */
export function decideAspects(probs: Float64Array, thresholds: Float64Array, byRules?: Uint8Array): { aspect: AspectName; index: number; confidence: number }[] {
  const out: { aspect: AspectName; index: number; confidence: number }[] = [];
  for (let a = 0; a < AspectNames.options.length; a++) {
    const p = probs[a] as number;
    if (p >= (thresholds[a] as number) || byRules?.[a] === 1) out.push({ aspect: AspectNames.options[a] as AspectName, index: a, confidence: round(p) });
  }
  return out.sort((x, y) => y.confidence - x.confidence);
}
