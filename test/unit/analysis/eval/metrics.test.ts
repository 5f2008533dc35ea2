import { describe, expect, it } from 'vitest';
import { binaryMetrics } from '../../../../analysis/eval/binary-metrics.js';
import { countSegmentation, scoreSegmentation, type SegmentationCounts } from '../../../../analysis/eval/score-segmentation.js';

describe('segmentation scoring (SIGHAN spans)', () => {
  it('counts word spans that match the gold exactly', () => {
    const c: SegmentationCounts = { gold: 0, predicted: 0, correct: 0, mismatched: 0 };
    countSegmentation(['我们', '做', '微商'], ['我们', '做微', '商'], c);
    expect(c).toEqual({ gold: 3, predicted: 3, correct: 1, mismatched: 0 });
    const s = scoreSegmentation(c);
    expect(s.precision).toBeCloseTo(1 / 3);
    expect(s.recall).toBeCloseTo(1 / 3);
    expect(s.f1).toBeCloseTo(1 / 3);
  });

  it('refuses to score a prediction that changed the characters', () => {
    const c: SegmentationCounts = { gold: 0, predicted: 0, correct: 0, mismatched: 0 };
    countSegmentation(['微商'], ['微', '商', '了'], c);
    expect(c).toEqual({ gold: 0, predicted: 0, correct: 0, mismatched: 1 });
  });
});

describe('binary metrics', () => {
  it('computes accuracy and macro-F1, counting a score of 0 as wrong', () => {
    const m = binaryMetrics([1, 1, 0, 0], [0.9, 0, -0.2, 0.3]);
    expect(m.accuracy).toBe(0.5);
    // pos: tp=1 fp=1 fn=1 → 0.5; neg: tn=1 fn=0 fp=1 → 2/3
    expect(m.macroF1).toBeCloseTo((0.5 + 2 / 3) / 2);
  });
});
