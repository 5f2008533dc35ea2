/**
 * Fits how the default sentiment mixes its layers (see CombineWeights): a small weighted logistic regression
 * (Newton's method) over combinerInputs(), on rows the models were NOT trained on, so it learns out of sample how
 * much to trust each layer and when the social model should take over.
 */
import { COMBINE_TERMS, combinerInputs, type CombineWeights } from '../score-sentiment.js';
import type { ModelOutputs } from '../sentiment-input.js';

export interface CombinerRow {
  outputs: ModelOutputs;
  lexiconWords: number;
  lexiconEmoticons: number;
  y: number;
  weight: number;
}

export function fitCombiner(rows: readonly CombinerRow[], l2 = 1e-3, iterations = 25): CombineWeights {
  const dim = COMBINE_TERMS.length;
  const xs = rows.map((r) => combinerInputs(r.outputs, r.lexiconWords, r.lexiconEmoticons));
  let beta: number[] = COMBINE_TERMS.map((t) => (t === 'model' ? 1 : 0));
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(dim).fill(0);
    const hess = Array.from({ length: dim }, () => new Array<number>(dim).fill(0));
    rows.forEach((r, n) => {
      const x = xs[n]!;
      let z = 0;
      for (let i = 0; i < dim; i++) z += beta[i]! * x[i]!;
      const p = 1 / (1 + Math.exp(-z));
      const s = p * (1 - p) * r.weight;
      for (let i = 0; i < dim; i++) {
        grad[i]! += (p - r.y) * r.weight * x[i]!;
        for (let j = 0; j < dim; j++) hess[i]![j]! += s * x[i]! * x[j]!;
      }
    });
    // L2 on every weight but the bias; it also pins to 0 the terms a model without social/gate parts never feeds.
    for (let i = 1; i < dim; i++) {
      grad[i]! += l2 * beta[i]!;
      hess[i]![i]! += l2;
    }
    const step = solve(hess, grad);
    beta = beta.map((b, i) => b - step[i]!);
  }
  const weights: CombineWeights = { bias: 0, model: 0, lexicon: 0, emoticons: 0 };
  // Terms no row ever fed (a model without social/gate parts) are left out rather than stored as 0.
  COMBINE_TERMS.forEach((term, i) => {
    if (i < 4 || xs.some((x) => x[i] !== 0)) weights[term] = beta[i]!;
  });
  return weights;
}

/** Solves H·x = g by Gauss–Jordan elimination with partial pivoting (H is small and positive definite). */
function solve(h: number[][], g: number[]): number[] {
  const n = g.length;
  const a = h.map((row, i) => [...row, g[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    const pivot = a[c]![c]! || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / pivot;
      for (let k = c; k <= n; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  return a.map((row, i) => row[n]! / (row[i]! || 1e-12));
}
