/**
 * Trains the hashed-feature logistic regression with AdaGrad SGD. Takes featurized examples (text features and,
 * separately, emoticon features) and options; gives weights and bias. Deterministic: a seeded shuffle and seeded
 * emoticon dropout, so the same examples and options give the same weights bit for bit.
 * Emoticon dropout exists because the Weibo training rows were labeled *by* their emoticons: hiding them in most
 * passes forces the words to carry the decision.
 */
import { featureNorm } from '../hashed-model.js';
import { seededRandom, shuffleInPlace } from './seeded-random.js';

export interface TrainingExample {
  text: Int32Array;
  emoticons: Int32Array;
  y: number;
  /** Importance of the row in the loss (e.g. more for hand-labeled Weibo posts). */
  weight: number;
  /** Probability that each emoticon feature of this example is hidden in one pass. */
  emoticonDropout: number;
}

export interface LrOptions {
  bits: number;
  epochs: number;
  learningRate: number;
  /** L2 penalty applied to the weights an example touches (lazy, per update). */
  l2: number;
  seed: number;
}

export interface LrWeights {
  weights: Float32Array;
  bias: number;
}

/**
 * Optional per-feature input scale (NB-SVM: the naive-Bayes log-count ratio of each feature). The returned weights
 * already include it, so prediction needs no extra vector.
 */
export function trainHashedLr(examples: readonly TrainingExample[], options: LrOptions, scale?: Float32Array): LrWeights {
  const size = 1 << options.bits;
  const w = new Float32Array(size);
  const g2 = new Float32Array(size);
  let bias = 0;
  let biasG2 = 0;
  const random = seededRandom(options.seed);
  const order = Int32Array.from({ length: examples.length }, (_v, i) => i);
  let active = new Int32Array(1024);

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const at of order) {
      const ex = examples[at]!;
      const need = ex.text.length + ex.emoticons.length;
      if (active.length < need) active = new Int32Array(need * 2);
      active.set(ex.text);
      let count = ex.text.length;
      for (const e of ex.emoticons) if (random() >= ex.emoticonDropout) active[count++] = e;
      if (count === 0) continue;

      const norm = featureNorm(count);
      let sum = 0;
      if (scale) for (let i = 0; i < count; i++) sum += w[active[i]!]! * scale[active[i]!]!;
      else for (let i = 0; i < count; i++) sum += w[active[i]!]!;
      const z = bias + sum * norm;
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - ex.y) * ex.weight;

      for (let i = 0; i < count; i++) {
        const k = active[i]!;
        const grad = g * norm * (scale ? scale[k]! : 1) + options.l2 * w[k]!;
        g2[k] = g2[k]! + grad * grad;
        w[k] = w[k]! - (options.learningRate * grad) / Math.sqrt(g2[k]! + 1e-8);
      }
      biasG2 += g * g;
      bias -= (options.learningRate * g) / Math.sqrt(biasG2 + 1e-8);
    }
  }
  if (scale) for (let k = 0; k < size; k++) w[k] = w[k]! * scale[k]!;
  return { weights: w, bias };
}

/**
 * NB-SVM scale: r = |log((p/|p|₁) / (q/|q|₁))| from binarized feature counts per class (α smoothing), weighted by
 * row weight. Only the magnitude is used as the input scale, so the LR still learns each feature's sign; features
 * that separate the classes get a bigger step, features frequent in both a smaller one.
 */
export function naiveBayesScale(examples: readonly TrainingExample[], bits: number, alpha = 1, floor = 0.1): Float32Array {
  const size = 1 << bits;
  const pos = new Float32Array(size);
  const neg = new Float32Array(size);
  const seen = new Uint8Array(size);
  for (const ex of examples) {
    const counts = ex.y === 1 ? pos : neg;
    for (const arr of [ex.text, ex.emoticons]) {
      for (const k of arr) {
        if (seen[k]) continue;
        seen[k] = 1;
        counts[k] = counts[k]! + ex.weight;
      }
    }
    for (const arr of [ex.text, ex.emoticons]) for (const k of arr) seen[k] = 0;
  }
  let pSum = 0;
  let qSum = 0;
  for (let k = 0; k < size; k++) {
    pSum += pos[k]! + alpha;
    qSum += neg[k]! + alpha;
  }
  const scale = new Float32Array(size);
  for (let k = 0; k < size; k++) {
    const r = Math.log((pos[k]! + alpha) / pSum / ((neg[k]! + alpha) / qSum));
    scale[k] = Math.max(floor, Math.abs(r));
  }
  return scale;
}
