/**
 * Trains the learned micro-business model from labelled feature rows: the speaker head (softmax over the five data
 * classes) and the aspect heads (one sigmoid each), then the decision thresholds by an inner cross-validation on the same rows (grouped by page, seeded): seller_ad's lowest threshold whose out-of-fold
 * precision reaches `sellerMinPrecision`, and per aspect the threshold with the best out-of-fold F1. Deterministic:
 * the same rows and options give the same file. The per-fold retraining of eval:microbiz calls exactly this.
 */
import { AspectName as AspectNames, SpeakerType as SpeakerTypes } from '../../analyzed-document.js';
import { seededRandom, shuffleInPlace } from '../../sentiment/train/seeded-random.js';
import { fitLinear, type LinkKind } from './fit-linear.js';
import { DENSE_FEATURES, MICROBIZ_FEATURE_LAYOUT, type SparseRow } from './microbiz-features.js';
import { compileMicrobizModel, modelProbabilities, type HeadFile, type MicrobizModel, type MicrobizModelFile } from './microbiz-model.js';

export interface MicrobizExample {
  row: SparseRow;
  /** Index in SpeakerType.options. */
  speaker: number;
  /** Index in SENTIMENT_CLASSES (neg, neu, pos): the passage's label (no shipped head learns it; eval compares one). */
  sentiment: number;
  /** Indexes in AspectName.options. */
  aspects: readonly number[];
  /** Passages of one page share a group (and a fold). */
  group: string;
}

export interface MicrobizTrainOptions {
  bits: number;
  l2: { speaker: number; aspects: number };
  steps: number;
  rate: number;
  /**
   * Whether the speaker head also reads the dense slots (the rule layers' views). Off: the rules' seller calls are
   * wrong more often than right on real text (precision 0.29), and a head that can lean on them learns to.
   */
  speakerDense: boolean;
  /** Folds of the inner cross-validation that chooses the thresholds. */
  innerFolds: number;
  seed: number;
  sellerMinPrecision: number;
  /** Candidate aspect thresholds (the best out-of-fold F1 wins; ties go to the one nearest 0.5). */
  aspectGrid: readonly number[];
}

export const DEFAULT_TRAIN_OPTIONS: MicrobizTrainOptions = {
  bits: 14,
  l2: { speaker: 0.0004, aspects: 0.003 },
  steps: 400,
  rate: 0.5,
  speakerDense: false,
  innerFolds: 4,
  seed: 12,
  sellerMinPrecision: 0.9,
  aspectGrid: [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6],
};

/** Fold of each example: the distinct groups, sorted, shuffled with `seed`, dealt round-robin into `folds`. */
export function groupFolds(groups: readonly string[], folds: number, seed: number): number[] {
  const distinct = [...new Set(groups)].sort();
  const order = Int32Array.from({ length: distinct.length }, (_v, i) => i);
  shuffleInPlace(order, seededRandom(seed));
  const foldOf = new Map<string, number>();
  order.forEach((g, at) => foldOf.set(distinct[g] as string, at % folds));
  return groups.map((g) => foldOf.get(g) as number);
}

export function quantizeHead(kind: LinkKind, classes: readonly string[], weights: Float64Array, bias: Float64Array, bits: number): HeadFile {
  const size = 1 << bits;
  const dims = size + DENSE_FEATURES.length;
  let max = 0;
  for (let c = 0; c < classes.length; c++) for (let j = 0; j < size; j++) max = Math.max(max, Math.abs(weights[c * dims + j] as number));
  const scale = max > 0 ? max / 127 : 1;
  const hashed = new Int8Array(classes.length * size);
  const dense: number[] = [];
  for (let c = 0; c < classes.length; c++) {
    for (let j = 0; j < size; j++) hashed[c * size + j] = Math.round((weights[c * dims + j] as number) / scale);
    for (let d = 0; d < DENSE_FEATURES.length; d++) dense.push(Number((weights[c * dims + size + d] as number).toPrecision(6)));
  }
  return {
    kind,
    classes: [...classes],
    bias: Array.from(bias, (b) => Number(b.toPrecision(6))),
    scale: Number(scale.toPrecision(6)),
    hashed: Buffer.from(hashed.buffer).toString('base64'),
    dense,
  };
}

export function targetsOf(examples: readonly MicrobizExample[], classes: number, labels: (e: MicrobizExample) => readonly number[]): Float32Array {
  const t = new Float32Array(examples.length * classes);
  examples.forEach((e, i) => {
    for (const c of labels(e)) t[i * classes + c] = 1;
  });
  return t;
}

/** Both heads fitted on `examples`, with placeholder thresholds (seller 0.5, aspects 0.5). */
export function fitHeads(examples: readonly MicrobizExample[], options: MicrobizTrainOptions): MicrobizModelFile {
  const dims = (1 << options.bits) + DENSE_FEATURES.length;
  const allRows = examples.map((e) => e.row);
  const speakerRows = options.speakerDense ? allRows : allRows.map((r) => hashedOnly(r, options.bits));
  const head = (kind: LinkKind, classes: readonly string[], l2: number, labels: (e: MicrobizExample) => readonly number[], rows = allRows): HeadFile => {
    const fit = fitLinear(rows, targetsOf(examples, classes.length, labels), { kind, classes: classes.length, dims, l2, steps: options.steps, rate: options.rate });
    return quantizeHead(kind, classes, fit.weights, fit.bias, options.bits);
  };
  return {
    version: 'microbiz.v2',
    layout: MICROBIZ_FEATURE_LAYOUT,
    bits: options.bits,
    dense: [...DENSE_FEATURES],
    speaker: head('softmax', SpeakerTypes.options, options.l2.speaker, (e) => [e.speaker], speakerRows),
    aspects: head('sigmoid', AspectNames.options, options.l2.aspects, (e) => e.aspects),
    sellerThreshold: 0.5,
    aspectThresholds: AspectNames.options.map(() => 0.5),
  };
}

/** Out-of-fold probabilities: per example, the seller_ad probability and every aspect's, from heads fitted on the other folds. */
export function outOfFoldProbabilities(examples: readonly MicrobizExample[], options: MicrobizTrainOptions): { seller: Float64Array; aspects: Float64Array[] } {
  const folds = groupFolds(examples.map((e) => e.group), options.innerFolds, options.seed);
  const seller = new Float64Array(examples.length);
  const aspects = examples.map(() => new Float64Array(AspectNames.options.length));
  const sp = new Float64Array(SpeakerTypes.options.length);
  const sellerIndex = SpeakerTypes.options.indexOf('seller_ad');
  for (let f = 0; f < options.innerFolds; f++) {
    const model = compileMicrobizModel(fitHeads(examples.filter((_e, i) => folds[i] !== f), options));
    examples.forEach((e, i) => {
      if (folds[i] !== f) return;
      modelProbabilities(model, e.row, sp, aspects[i] as Float64Array);
      seller[i] = sp[sellerIndex] as number;
    });
  }
  return { seller, aspects };
}

/**
 * The lowest threshold t such that calling every score ≥ t positive has precision ≥ minPrecision, and so does every
 * stricter threshold that calls at least `minCalls`; 1.01 (never call) when none does. Walking down the ranking it
 * stops at the first dip under the target: out-of-fold precision on a few dozen positives that dips and recovers
 * is noise, and taking the deepest recovery (as the first version did) gave 0.85 on unseen pages, not 0.90.
 */
export function chooseThresholdForPrecision(scores: ArrayLike<number>, gold: ArrayLike<boolean>, minPrecision: number, minCalls = 3): number {
  const order = Array.from({ length: scores.length }, (_v, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number));
  let tp = 0;
  let calls = 0;
  let best = 1.01;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    calls++;
    if (gold[i]) tp++;
    const next = order[k + 1];
    if (next !== undefined && scores[next] === scores[i]) continue; // a threshold cannot split ties
    if (calls < minCalls) continue;
    if (tp / calls < minPrecision) break;
    best = scores[i] as number;
  }
  return best;
}

/** The grid value with the best F1 of calling scores ≥ t; ties go to the value nearest 0.5. */
export function chooseThresholdForF1(scores: ArrayLike<number>, gold: ArrayLike<boolean>, grid: readonly number[]): number {
  let best = 0.5;
  let bestF1 = -1;
  for (const t of grid) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < scores.length; i++) {
      const call = (scores[i] as number) >= t;
      if (call && gold[i]) tp++;
      else if (call) fp++;
      else if (gold[i]) fn++;
    }
    const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
    if (f1 > bestF1 + 1e-9 || (Math.abs(f1 - bestF1) <= 1e-9 && Math.abs(t - 0.5) < Math.abs(best - 0.5))) [best, bestF1] = [t, f1];
  }
  return best;
}

/** The shipped training: heads on every example, thresholds by inner cross-validation. */
export function trainMicrobizModel(examples: readonly MicrobizExample[], options: MicrobizTrainOptions = DEFAULT_TRAIN_OPTIONS): MicrobizModelFile {
  const file = fitHeads(examples, options);
  const oof = outOfFoldProbabilities(examples, options);
  const sellerIndex = SpeakerTypes.options.indexOf('seller_ad');
  file.sellerThreshold = Number(chooseThresholdForPrecision(oof.seller, examples.map((e) => e.speaker === sellerIndex), options.sellerMinPrecision).toFixed(4));
  file.aspectThresholds = AspectNames.options.map((_n, a) =>
    chooseThresholdForF1(
      oof.aspects.map((p) => p[a] as number),
      examples.map((e) => e.aspects.includes(a)),
      options.aspectGrid,
    ),
  );
  return file;
}

export type { MicrobizModel };

/** Rows list their hashed slots (indices below 2^bits) first, then the dense ones: where the dense part begins. */
function denseStart(row: SparseRow, bits: number): number {
  const base = 1 << bits;
  let at = 0;
  while (at < row.count && (row.indices[at] as number) < base) at++;
  return at;
}

const slice = (row: SparseRow, from: number, to: number): SparseRow => ({ indices: row.indices.slice(from, to), values: row.values.slice(from, to), count: to - from });

/** The row's hashed slots only (text n-grams and words; a head fitted on these keeps every dense weight at 0). */
export function hashedOnly(row: SparseRow, bits: number): SparseRow {
  return slice(row, 0, denseStart(row, bits));
}

/** The row's dense slots only (a head fitted on these keeps every hashed weight at 0). */
export function denseOnly(row: SparseRow, bits: number): SparseRow {
  return slice(row, denseStart(row, bits), row.count);
}
