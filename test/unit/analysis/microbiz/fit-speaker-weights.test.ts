import { describe, expect, it } from 'vitest';
import { crossValidate, crossValidatedPredictions, fitSpeakerWeights, predictClass, weightedAccuracy, type SpeakerExample } from '../../../../analysis/microbiz/train/fit-speaker-weights.js';
import { defaultSpeakerRules } from '../../../../analysis/microbiz/index.js';

// Three classes told apart by which count is high; the third feature is noise shared by all.
const examples: SpeakerExample[] = [];
for (let i = 0; i < 30; i++) {
  const label = i % 3;
  const features = [label === 0 ? 2 : 0, label === 1 ? 1 + (i % 2) : 0, i % 4];
  examples.push({ features, label, weight: 1 });
}

describe('fitSpeakerWeights', () => {
  it('learns weights that separate the classes, deterministically', () => {
    const a = fitSpeakerWeights(examples, { classes: 3, lambda: 0.01, steps: 2000 });
    const b = fitSpeakerWeights(examples, { classes: 3, lambda: 0.01, steps: 2000 });
    expect(a).toEqual(b);
    for (const e of examples) expect(predictClass(a, e.features)).toBe(e.label);
    // The signal features carry the decision, the noise feature barely moves any class.
    expect(a.weights[0]![0]!).toBeGreaterThan(0.5);
    expect(Math.abs(a.weights[0]![2]!)).toBeLessThan(Math.abs(a.weights[0]![0]!));
  });

  it('shrinks weights harder with a larger L2 strength', () => {
    const weak = fitSpeakerWeights(examples, { classes: 3, lambda: 0.001, steps: 2000 });
    const strong = fitSpeakerWeights(examples, { classes: 3, lambda: 1, steps: 2000 });
    const norm = (w: number[][]): number => w.flat().reduce((s, x) => s + x * x, 0);
    expect(norm(strong.weights)).toBeLessThan(norm(weak.weights));
  });

  it('cross-validates with groups kept in one fold', () => {
    // Every group has a feature of its own and a label unrelated to anything else, and two copies. Scored on a
    // copy of what it was trained on, a model would memorise the label; with whole groups held out it cannot.
    const groups = 20;
    const copies: SpeakerExample[] = [];
    for (let i = 0; i < 2 * groups; i++) {
      const g = i % groups;
      copies.push({ features: Array.from({ length: groups }, (_v, f) => (f === g ? 1 : 0)), label: g % 2, weight: 1 });
    }
    const grouped = crossValidate(copies, (i) => `g${i % groups}`, { classes: 2, lambda: 0.001, steps: 1500, folds: 5 });
    const leaky = crossValidate(copies, (i) => `c${i}`, { classes: 2, lambda: 0.001, steps: 1500, folds: 5 });
    expect(leaky).toBeGreaterThan(0.7); // a copy is in the training folds 4 times in 5
    expect(grouped).toBeLessThan(leaky - 0.15);
  });
});

describe('shipped speaker rules', () => {
  it('are the fitted v3 file', () => {
    expect(defaultSpeakerRules().version).toBe('speaker.v3');
  });
});

describe('crossValidatedPredictions', () => {
  it('predicts every example from a model that did not see its group, and weighs copies as one post', () => {
    const predicted = crossValidatedPredictions(examples, (i) => `p${i}`, { classes: 3, lambda: 0.01, steps: 1000, folds: 5 });
    expect(predicted).toHaveLength(examples.length);
    expect(predicted.every((c) => c >= 0 && c < 3)).toBe(true);
    expect(weightedAccuracy(examples, predicted)).toBe(crossValidate(examples, (i) => `p${i}`, { classes: 3, lambda: 0.01, steps: 1000, folds: 5 }));
    // Two examples of weight 0.5 (copies of one ad) count like one of weight 1.
    const weighted = [{ features: [1], label: 0, weight: 0.5 }, { features: [1], label: 0, weight: 0.5 }, { features: [0], label: 1, weight: 1 }];
    expect(weightedAccuracy(weighted, [0, 0, 0])).toBe(0.5);
    expect(weightedAccuracy(weighted, [0, 0, 0], (i) => i < 2)).toBe(1);
  });
});
