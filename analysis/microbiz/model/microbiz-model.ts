/**
 * The learned micro-business model at prediction time: its file format (JSON: per head the biases, int8 hashed
 * weights with one scale, float dense weights; the seller_ad threshold and the aspect thresholds), loading, and the
 * three decisions — speaker (seller_ad only above its precision threshold, else the best other class, consumer and
 * agent judged together), 3-class sentiment, aspects. Training (train-microbiz-model.ts) builds this very file and
 * cross-validation scores through these very functions, so what is measured is what ships.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AspectName as AspectNames, SpeakerType as SpeakerTypes, type AspectName, type Sentiment, type SpeakerType } from '../../analyzed-document.js';
import { AnalysisError } from '../../errors.js';
import { DENSE_FEATURES, MICROBIZ_FEATURE_LAYOUT, type SparseRow } from './microbiz-features.js';

export const DEFAULT_MICROBIZ_MODEL_FILE = fileURLToPath(new URL('../data/microbiz-model.v1.json', import.meta.url));

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
  /** neg, neu, pos. */
  sentiment: HeadFile,
  /** One sigmoid per AspectName. */
  aspects: HeadFile,
  /** seller_ad is called only when its probability reaches this (chosen by inner cross-validation for precision). */
  sellerThreshold: z.number(),
  /** Per aspect (AspectName order): present when its probability reaches this. */
  aspectThresholds: z.array(z.number()),
  training: z.record(z.string(), z.unknown()).optional(),
});
export type MicrobizModelFile = z.infer<typeof MicrobizModelFile>;

export const SENTIMENT_CLASSES = ['neg', 'neu', 'pos'] as const;

export interface CompiledHead {
  kind: 'softmax' | 'sigmoid';
  classes: number;
  bias: Float64Array;
  scale: number;
  /** Feature-major (feature × classes + class): one pass over a row's features serves every class. */
  hashed: Int8Array;
  /** False when every hashed weight is 0 (a head fitted on the dense slots only): the pass is skipped. */
  usesHashed: boolean;
  dense: Float64Array;
}

export interface MicrobizModel {
  readonly version: string;
  readonly bits: number;
  readonly speaker: CompiledHead;
  readonly sentiment: CompiledHead;
  readonly aspects: CompiledHead;
  readonly sellerThreshold: number;
  readonly aspectThresholds: Float64Array;
}

function compileHead(head: HeadFile, bits: number, expectedClasses: readonly string[], file: string): CompiledHead {
  const k = head.classes.length;
  const hashed = new Int8Array(Buffer.from(head.hashed, 'base64'));
  const ok =
    head.classes.join() === expectedClasses.join() && head.bias.length === k && hashed.length === k << bits && head.dense.length === k * DENSE_FEATURES.length;
  if (!ok) throw new AnalysisError('MODEL_INCOMPATIBLE', `micro-business model ${file}: a head does not match classes ${expectedClasses.join(',')} and ${bits} bits`, { file });
  const size = 1 << bits;
  const byFeature = new Int8Array(hashed.length);
  for (let c = 0; c < k; c++) for (let j = 0; j < size; j++) byFeature[j * k + c] = hashed[c * size + j] as number;
  return {
    kind: head.kind,
    classes: k,
    bias: Float64Array.from(head.bias),
    scale: head.scale,
    hashed: byFeature,
    usesHashed: hashed.some((w) => w !== 0),
    dense: Float64Array.from(head.dense),
  };
}

/** `hash`: a short digest of the file's bytes, appended to its version (so a retrained file stamps a new version). */
export function compileMicrobizModel(file: MicrobizModelFile, name = '(in memory)', hash = ''): MicrobizModel {
  if (file.layout !== MICROBIZ_FEATURE_LAYOUT || file.dense.join() !== DENSE_FEATURES.join()) {
    throw new AnalysisError('MODEL_INCOMPATIBLE', `micro-business model ${name} uses features ${file.layout}, this code computes ${MICROBIZ_FEATURE_LAYOUT}`, { file: name });
  }
  return {
    version: hash ? `${file.version}.${hash}` : file.version,
    bits: file.bits,
    speaker: compileHead(file.speaker, file.bits, SpeakerTypes.options, name),
    sentiment: compileHead(file.sentiment, file.bits, SENTIMENT_CLASSES, name),
    aspects: compileHead(file.aspects, file.bits, AspectNames.options, name),
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

/** Probabilities of every class of `head` for one row, into `out`. */
export function headProbabilities(head: CompiledHead, bits: number, row: SparseRow, out: Float64Array): Float64Array {
  const size = 1 << bits;
  const nd = DENSE_FEATURES.length;
  const k = head.classes;
  // Hashed slots first (the row lists them before the dense ones), all classes per feature; then the dense slots.
  for (let c = 0; c < k; c++) out[c] = 0;
  let i = 0;
  if (head.usesHashed) {
    const w = head.hashed;
    for (; i < row.count; i++) {
      const j = row.indices[i] as number;
      if (j >= size) break;
      const v = row.values[i] as number;
      const at = j * k;
      for (let c = 0; c < k; c++) out[c] = (out[c] as number) + (w[at + c] as number) * v;
    }
    for (let c = 0; c < k; c++) out[c] = (out[c] as number) * head.scale;
  } else while (i < row.count && (row.indices[i] as number) < size) i++;
  for (; i < row.count; i++) {
    const d = (row.indices[i] as number) - size;
    const v = row.values[i] as number;
    for (let c = 0; c < k; c++) out[c] = (out[c] as number) + (head.dense[c * nd + d] as number) * v;
  }
  for (let c = 0; c < k; c++) out[c] = (out[c] as number) + (head.bias[c] as number);
  if (head.kind === 'sigmoid') {
    for (let c = 0; c < head.classes; c++) out[c] = 1 / (1 + Math.exp(-(out[c] as number)));
    return out;
  }
  let max = -Infinity;
  for (let c = 0; c < head.classes; c++) if ((out[c] as number) > max) max = out[c] as number;
  let z = 0;
  for (let c = 0; c < head.classes; c++) z += out[c] = Math.exp((out[c] as number) - max);
  for (let c = 0; c < head.classes; c++) out[c] = (out[c] as number) / z;
  return out;
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

/** neg / neu / pos, whichever is likeliest; score = P(pos) − P(neg) (in [−1, 1]); confidence = the winner's probability. */
export function decideSentiment(probs: Float64Array): Sentiment {
  let best = 0;
  for (let c = 1; c < 3; c++) if ((probs[c] as number) > (probs[best] as number)) best = c;
  return { score: round((probs[2] as number) - (probs[0] as number)), label: SENTIMENT_CLASSES[best] as Sentiment['label'], confidence: round(probs[best] as number) };
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
