/**
 * Multinomial logistic regression for the speaker rules: takes feature rows (capped cue and signal counts), class
 * labels and sample weights, gives per-class weights and biases in the linear form speaker.ts scores. Deterministic
 * full-batch gradient descent (no randomness, fixed step count), L2 on the weights, none on the biases. Pure.
 */

export interface SpeakerExample {
  features: readonly number[];
  label: number;
  /** Share of one post (copies of one ad share a weight of 1 between them). */
  weight: number;
}

export interface FittedWeights {
  /** weights[class][feature] */
  weights: number[][];
  bias: number[];
}

export interface FitOptions {
  classes: number;
  lambda: number;
  steps?: number;
  learningRate?: number;
}

export function fitSpeakerWeights(examples: readonly SpeakerExample[], options: FitOptions): FittedWeights {
  const k = options.classes;
  const d = examples[0]?.features.length ?? 0;
  const steps = options.steps ?? 8000;
  const rate = options.learningRate ?? 0.05;
  const w = new Float64Array(k * d);
  const b = new Float64Array(k);
  const gw = new Float64Array(k * d);
  const gb = new Float64Array(k);
  const p = new Float64Array(k);
  const total = examples.reduce((s, e) => s + e.weight, 0);
  for (let step = 0; step < steps; step++) {
    gw.fill(0);
    gb.fill(0);
    for (const e of examples) {
      const x = e.features;
      let max = -Infinity;
      for (let c = 0; c < k; c++) {
        let s = b[c]!;
        for (let f = 0; f < d; f++) s += w[c * d + f]! * x[f]!;
        p[c] = s;
        if (s > max) max = s;
      }
      let z = 0;
      for (let c = 0; c < k; c++) z += p[c] = Math.exp(p[c]! - max);
      for (let c = 0; c < k; c++) {
        // Gradient of the weighted mean cross-entropy.
        const g = ((p[c]! / z - (e.label === c ? 1 : 0)) * e.weight) / total;
        gb[c]! += g;
        for (let f = 0; f < d; f++) gw[c * d + f]! += g * x[f]!;
      }
    }
    for (let j = 0; j < k * d; j++) w[j]! -= rate * (gw[j]! + options.lambda * w[j]!);
    for (let c = 0; c < k; c++) b[c]! -= rate * gb[c]!;
  }
  return {
    weights: Array.from({ length: k }, (_v, c) => Array.from(w.subarray(c * d, (c + 1) * d))),
    bias: Array.from(b),
  };
}

/** Index of the highest score (first on ties), as speaker.ts decides. */
export function predictClass(fit: FittedWeights, features: readonly number[]): number {
  let best = 0;
  let bestScore = -Infinity;
  fit.bias.forEach((bias, c) => {
    let s = bias;
    const row = fit.weights[c]!;
    for (let f = 0; f < features.length; f++) s += row[f]! * features[f]!;
    if (s > bestScore) {
      bestScore = s;
      best = c;
    }
  });
  return best;
}

/** Fold of example i: a hash of its group, so copies of one ad share a fold and the split does not depend on order. */
export function foldOf(group: string, folds: number): number {
  let h = 0;
  for (const ch of group) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  return h % folds;
}

/**
 * The class each example gets from a model fitted on the other folds (k-fold cross-validation); `groupOf` keeps
 * related examples (copies of one ad) in one fold, so a fold is never scored on copies of what it was trained on.
 */
export function crossValidatedPredictions(
  examples: readonly SpeakerExample[],
  groupOf: (i: number) => string,
  options: FitOptions & { folds: number },
): number[] {
  const fold = examples.map((_e, i) => foldOf(groupOf(i), options.folds));
  const predicted = examples.map(() => -1);
  for (let f = 0; f < options.folds; f++) {
    const fit = fitSpeakerWeights(examples.filter((_e, i) => fold[i] !== f), options);
    examples.forEach((e, i) => {
      if (fold[i] === f) predicted[i] = predictClass(fit, e.features);
    });
  }
  return predicted;
}

/** Weighted accuracy of predictions (copies of one ad share the weight of one post). */
export function weightedAccuracy(examples: readonly SpeakerExample[], predicted: readonly number[], keep: (i: number) => boolean = () => true): number {
  let correct = 0;
  let total = 0;
  examples.forEach((e, i) => {
    if (!keep(i)) return;
    total += e.weight;
    if (predicted[i] === e.label) correct += e.weight;
  });
  return total > 0 ? correct / total : 0;
}

/** Accuracy of `lambda` by k-fold cross-validation (see crossValidatedPredictions). */
export function crossValidate(examples: readonly SpeakerExample[], groupOf: (i: number) => string, options: FitOptions & { folds: number }): number {
  return weightedAccuracy(examples, crossValidatedPredictions(examples, groupOf, options));
}
