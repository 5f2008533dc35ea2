/**
 * Accuracy and macro-F1 of binary polarity predictions. A prediction is the sign of a score; a score of exactly 0
 * (no opinion found) counts as wrong for either class, so a scorer cannot gain by abstaining.
 */
export interface BinaryMetrics {
  n: number;
  accuracy: number;
  macroF1: number;
}

export function binaryMetrics(gold: readonly number[], scores: readonly number[]): BinaryMetrics {
  let tp = 0; // pos predicted pos
  let tn = 0;
  let fp = 0; // neg predicted pos
  let fn = 0; // pos predicted neg
  let abstainPos = 0;
  let abstainNeg = 0;
  gold.forEach((y, i) => {
    const s = scores[i]!;
    if (s === 0 || !Number.isFinite(s)) {
      if (y === 1) abstainPos++;
      else abstainNeg++;
    } else if (s > 0) {
      if (y === 1) tp++;
      else fp++;
    } else if (y === 1) fn++;
    else tn++;
  });
  const f1 = (t: number, falsePos: number, falseNeg: number): number => (t === 0 ? 0 : (2 * t) / (2 * t + falsePos + falseNeg));
  const f1Pos = f1(tp, fp, fn + abstainPos);
  const f1Neg = f1(tn, fn, fp + abstainNeg);
  return { n: gold.length, accuracy: gold.length ? (tp + tn) / gold.length : 0, macroF1: (f1Pos + f1Neg) / 2 };
}
