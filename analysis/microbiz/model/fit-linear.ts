/**
 * Fits the learned micro-business heads: linear models over sparse feature rows, either one softmax over K classes
 * (speaker, sentiment) or K independent sigmoids (aspects, several per text). Deterministic full-batch AdaGrad with
 * L2 on the weights (none on the biases): no randomness, a fixed number of steps, so the same rows give the same
 * weights bit for bit. Pure.
 */
import type { SparseRow } from './microbiz-features.js';

export type LinkKind = 'softmax' | 'sigmoid';

export interface FitLinearOptions {
  kind: LinkKind;
  classes: number;
  /** Feature space size (2^bits hashed buckets + dense slots). */
  dims: number;
  l2: number;
  steps: number;
  rate: number;
}

export interface LinearFit {
  /** weights[class * dims + feature] */
  weights: Float64Array;
  bias: Float64Array;
}

/** Raw scores of one row (bias + Σ w·x per class) into `out`. */
export function rowScores(fit: LinearFit, dims: number, classes: number, row: SparseRow, out: Float64Array): void {
  for (let c = 0; c < classes; c++) {
    let s = fit.bias[c] as number;
    const base = c * dims;
    for (let i = 0; i < row.count; i++) s += (fit.weights[base + (row.indices[i] as number)] as number) * (row.values[i] as number);
    out[c] = s;
  }
}

/** Probabilities from raw scores, in place: a softmax, or one sigmoid per class. */
export function link(kind: LinkKind, scores: Float64Array): Float64Array {
  if (kind === 'sigmoid') {
    for (let c = 0; c < scores.length; c++) scores[c] = 1 / (1 + Math.exp(-(scores[c] as number)));
    return scores;
  }
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let z = 0;
  for (let c = 0; c < scores.length; c++) z += scores[c] = Math.exp((scores[c] as number) - max);
  for (let c = 0; c < scores.length; c++) scores[c] = (scores[c] as number) / z;
  return scores;
}

/**
 * `targets[i * classes + c]`: 1 where row i has class c (softmax: exactly one per row; sigmoid: any number).
 * Minimizes the mean cross-entropy + l2/2·|w|².
 */
export function fitLinear(rows: readonly SparseRow[], targets: Float32Array, options: FitLinearOptions): LinearFit {
  const { classes: k, dims: d } = options;
  const w = new Float64Array(k * d);
  const b = new Float64Array(k);
  const gw = new Float64Array(k * d);
  const gb = new Float64Array(k);
  const hw = new Float64Array(k * d);
  const hb = new Float64Array(k);
  const p = new Float64Array(k);
  const fit: LinearFit = { weights: w, bias: b };
  const n = rows.length;
  // Only features seen in training move (the others stay 0, their L2 optimum): the update loop walks this list.
  const seen = new Uint8Array(d);
  for (const row of rows) for (let i = 0; i < row.count; i++) seen[row.indices[i] as number] = 1;
  const touched: number[] = [];
  for (let f = 0; f < d; f++) if (seen[f] === 1) touched.push(f);
  for (let step = 0; step < options.steps; step++) {
    gw.fill(0);
    gb.fill(0);
    for (let r = 0; r < n; r++) {
      const row = rows[r] as SparseRow;
      rowScores(fit, d, k, row, p);
      link(options.kind, p);
      for (let c = 0; c < k; c++) {
        const g = ((p[c] as number) - (targets[r * k + c] as number)) / n;
        if (g === 0) continue;
        gb[c] = (gb[c] as number) + g;
        const base = c * d;
        for (let i = 0; i < row.count; i++) {
          const j = base + (row.indices[i] as number);
          gw[j] = (gw[j] as number) + g * (row.values[i] as number);
        }
      }
    }
    for (let c = 0; c < k; c++) {
      const base = c * d;
      for (const f of touched) {
        const j = base + f;
        const g = (gw[j] as number) + options.l2 * (w[j] as number);
        hw[j] = (hw[j] as number) + g * g;
        w[j] = (w[j] as number) - (options.rate * g) / Math.sqrt((hw[j] as number) + 1e-12);
      }
      const g = gb[c] as number;
      hb[c] = (hb[c] as number) + g * g;
      b[c] = (b[c] as number) - (options.rate * g) / Math.sqrt((hb[c] as number) + 1e-12);
    }
  }
  return fit;
}
