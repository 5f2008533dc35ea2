/**
 * Fits how the default sentiment mixes its layers (see CombineWeights): a 4-parameter logistic regression
 * (Newton's method) on rows the model was NOT trained on, so it learns out of sample how much to trust each layer.
 */
import type { CombineWeights } from '../score-sentiment.js';

export interface CombinerRow {
  modelLogit: number;
  lexiconWords: number;
  lexiconEmoticons: number;
  y: number;
  weight: number;
}

const DIM = 4;

export function fitCombiner(rows: readonly CombinerRow[], l2 = 1e-3, iterations = 25): CombineWeights {
  let beta = [0, 1, 0, 0];
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(DIM).fill(0);
    const hess = Array.from({ length: DIM }, () => new Array<number>(DIM).fill(0));
    for (const r of rows) {
      const x = [1, r.modelLogit, r.lexiconWords, r.lexiconEmoticons];
      let z = 0;
      for (let i = 0; i < DIM; i++) z += beta[i]! * x[i]!;
      const p = 1 / (1 + Math.exp(-z));
      const s = p * (1 - p) * r.weight;
      for (let i = 0; i < DIM; i++) {
        grad[i]! += (p - r.y) * r.weight * x[i]!;
        for (let j = 0; j < DIM; j++) hess[i]![j]! += s * x[i]! * x[j]!;
      }
    }
    for (let i = 1; i < DIM; i++) {
      grad[i]! += l2 * beta[i]!;
      hess[i]![i]! += l2;
    }
    const step = solve(hess, grad);
    beta = beta.map((b, i) => b - step[i]!);
  }
  return { bias: beta[0]!, model: beta[1]!, lexicon: beta[2]!, emoticons: beta[3]! };
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
