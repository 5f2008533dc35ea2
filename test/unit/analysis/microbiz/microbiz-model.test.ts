import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../../analysis/create-analyzer.js';
import { fitLinear, link, rowScores } from '../../../../analysis/microbiz/model/fit-linear.js';
import { DENSE_FEATURES, type SparseRow } from '../../../../analysis/microbiz/model/microbiz-features.js';
import {
  compileMicrobizModel,
  decideAspects,
  decideSpeaker,
  loadMicrobizModel,
  modelProbabilities,
} from '../../../../analysis/microbiz/model/microbiz-model.js';
import { featureRows, passageDocument } from '../../../../analysis/microbiz/model/real-passages.js';
import {
  chooseThresholdForF1,
  chooseThresholdForPrecision,
  DEFAULT_TRAIN_OPTIONS,
  fitHeads,
  groupFolds,
  trainMicrobizModel,
  type MicrobizExample,
} from '../../../../analysis/microbiz/model/train-microbiz-model.js';

const rowOf = (pairs: [number, number][]): SparseRow => ({
  indices: Int32Array.from(pairs.map(([i]) => i)),
  values: Float32Array.from(pairs.map(([, v]) => v)),
  count: pairs.length,
});

describe('feature rows through the analyzer', () => {
  // Pairs that differ only in script (繁/简) and punctuation width (ASCII vs full-width / Chinese quotes).
  const pairs: [string, string][] = [
    ['記者調查發現,部分微商團隊以"月入過萬"為噱頭,誘導寶媽囤貨,涉嫌傳銷。', '记者调查发现，部分微商团队以“月入过万”为噱头，诱导宝妈囤货，涉嫌传销。'],
    ['我在朋友圈買的面膜用了過敏,找微商退款她直接把我拉黑了!', '我在朋友圈买的面膜用了过敏，找微商退款她直接把我拉黑了！'],
    ['1、代理分為五個等級:代發代理、特約代理、總代(首次進貨3萬)。', '1、代理分为五个等级：代发代理、特约代理、总代（首次进货3万）。'],
  ];
  const rows = featureRows(
    pairs.flatMap(([a, b], i) => [
      { id: `t${i}`, url: '', text: a },
      { id: `s${i}`, url: '', text: b },
    ]),
    DEFAULT_TRAIN_OPTIONS.bits,
  );

  it('gives one row per text with hashed buckets below 2^bits and every dense slot once', () => {
    const base = 1 << DEFAULT_TRAIN_OPTIONS.bits;
    for (const row of rows) {
      const hashed = Array.from(row.indices).filter((i) => i < base);
      expect(hashed.length).toBeGreaterThan(10);
      expect(new Set(hashed).size).toBe(hashed.length); // presence, not counts
      expect(Array.from(row.indices).filter((i) => i >= base)).toEqual(DENSE_FEATURES.map((_n, d) => base + d));
    }
  });

  it('reads traditional characters with ASCII punctuation as it reads simplified with full-width punctuation', () => {
    // The hashed n-grams are the same for every pair (quotation marks are folded into one mark).
    for (let i = 0; i < pairs.length; i++) expect(Array.from((rows[2 * i] as SparseRow).indices)).toEqual(Array.from((rows[2 * i + 1] as SparseRow).indices));
    // Without quotation marks every value is the same too. (With them, the general sentiment scorer, whose input
    // keeps “ ” apart from ", moves a dense slot slightly: the decisions stay the same, next test.)
    for (let i = 1; i < pairs.length; i++) {
      const [t, s] = [rows[2 * i] as SparseRow, rows[2 * i + 1] as SparseRow];
      expect(Array.from(t.indices)).toEqual(Array.from(s.indices));
      expect(Array.from(t.values)).toEqual(Array.from(s.values));
    }
  });

  it('gives the same speaker, sentiment and aspects for both forms in the shipped analyzer', () => {
    // Exactly the same where the rows are (no quotation marks), within rounding of the sentiment slot elsewhere.
    const analyzer = createAnalyzer();
    const now = new Date('2026-12-05T00:00:00Z');
    for (const [t, s] of pairs) {
      const [a, b] = [t, s].map((text) => analyzer.analyze(passageDocument({ id: 'x', url: '', text }, now), now));
      expect(a!.speaker.type).toBe(b!.speaker.type);
      expect(a!.speaker.confidence).toBeCloseTo(b!.speaker.confidence, 1);
      expect(a!.sentiment.label).toBe(b!.sentiment.label);
      // The score is the general scorer's, which reads quotation marks and punctuation width as written: only the label is held.
      expect(a!.aspects.map((x) => x.name)).toEqual(b!.aspects.map((x) => x.name));
    }
  });

  it("leaves the document's sentiment to the general scorer (the one eval:sentiment measures)", () => {
    const analyzer = createAnalyzer();
    const now = new Date('2026-12-05T00:00:00Z');
    for (const [, text] of pairs) {
      const doc = analyzer.analyze(passageDocument({ id: 'x', url: '', text }, now), now);
      const scorer = analyzer.analyzeText(text).sentiment;
      expect({ label: doc.sentiment.label, score: doc.sentiment.score }).toEqual({ label: scorer.label, score: scorer.score });
    }
  });

  it('stamps the shipped model version into analysisVersion', () => {
    const model = loadMicrobizModel();
    const doc = createAnalyzer().analyze(passageDocument({ id: 'v', url: '', text: '微商代理的故事。' }, new Date()), new Date());
    expect(doc.analysisVersion).toContain(`+${model.version}+`);
    expect(model.version).toMatch(/^microbiz\.v2\.[0-9a-f]{6}$/);
  });
});

describe('fitLinear', () => {
  it('separates a toy problem (softmax and sigmoid) and is deterministic', () => {
    const rows = [rowOf([[0, 1]]), rowOf([[1, 1]]), rowOf([[0, 1], [2, 1]]), rowOf([[1, 1], [2, 1]])];
    const targets = Float32Array.from([1, 0, 0, 1, 1, 0, 0, 1]);
    for (const kind of ['softmax', 'sigmoid'] as const) {
      const options = { kind, classes: 2, dims: 3, l2: 0.001, steps: 200, rate: 0.5 };
      const fit = fitLinear(rows, targets, options);
      const again = fitLinear(rows, targets, options);
      expect(Array.from(again.weights)).toEqual(Array.from(fit.weights));
      const p = new Float64Array(2);
      rows.forEach((row, i) => {
        link(kind, (rowScores(fit, 3, 2, row, p), p));
        const want = (targets[2 * i] as number) === 1 ? 0 : 1;
        expect(p[want] as number).toBeGreaterThan(p[1 - want] as number);
      });
      expect(fit.weights[2]).toBe(fit.weights[2]); // feature 2 is shared: it carries no class
    }
  });
});

describe('thresholds and decisions', () => {
  it('chooses the lowest threshold above which precision never falls under the target, and never-call when none has it', () => {
    const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
    const gold = [true, true, true, false, true, false];
    expect(chooseThresholdForPrecision(scores, gold, 0.9, 3)).toBe(0.7); // 3/3; at 0.6 it is 3/4
    // At 0.6 precision dips to 3/4 < 0.8; that it climbs back to 4/5 at 0.5 is not trusted (few calls, noise).
    expect(chooseThresholdForPrecision(scores, gold, 0.8, 3)).toBe(0.7);
    expect(chooseThresholdForPrecision(scores, gold, 0.75, 3)).toBe(0.5);
    expect(chooseThresholdForPrecision(scores, [false, true, false, true, false, false], 0.9, 1)).toBe(1.01);
    // Ties cannot be split: the tied pair is called together or not at all.
    expect(chooseThresholdForPrecision([0.9, 0.9, 0.8], [true, false, true], 0.9, 1)).toBe(1.01);
  });

  it('chooses the aspect threshold with the best F1, ties nearest 0.5', () => {
    expect(chooseThresholdForF1([0.9, 0.35, 0.3, 0.1], [true, true, false, false], [0.2, 0.3, 0.4, 0.5])).toBe(0.3);
    expect(chooseThresholdForF1([0.9, 0.1], [true, false], [0.3, 0.5, 0.7])).toBe(0.5);
  });

  it('calls seller_ad only at its threshold (or a contact ad), else the next class with consumer+agent merged', () => {
    // seller_ad, consumer, agent, media, other
    const probs = Float64Array.from([0.45, 0.2, 0.15, 0.18, 0.02]);
    expect(decideSpeaker(probs, 0.4).type).toBe('seller_ad');
    // Below threshold: consumer+agent (0.35) beats media (0.18); consumer is the likelier of the two.
    expect(decideSpeaker(probs, 0.5)).toEqual({ type: 'consumer', confidence: 0.35 });
    expect(decideSpeaker(Float64Array.from([0.45, 0.1, 0.15, 0.28, 0.02]), 0.5).type).toBe('media');
    expect(decideSpeaker(Float64Array.from([0.3, 0.1, 0.2, 0.28, 0.12]), 0.5).type).toBe('agent');
    expect(decideSpeaker(Float64Array.from([0.05, 0.1, 0.05, 0.8, 0]), 1.01, true).type).toBe('seller_ad');
  });

  it('reports aspects at their own thresholds, likeliest first', () => {
    const aspects = decideAspects(Float64Array.from([0.6, 0.1, 0.3, 0, 0, 0.9, 0, 0]), Float64Array.from([0.5, 0.5, 0.25, 0.5, 0.5, 0.5, 0.5, 0.5]));
    expect(aspects.map((a) => a.aspect)).toEqual(['platform', 'recruiting', 'income']);
  });
});

describe('training', () => {
  // Toy examples whose classes live in distinct hashed buckets; 12 pages of 2 passages.
  const examples: MicrobizExample[] = Array.from({ length: 24 }, (_v, i) => {
    const speaker = [0, 1, 3][i % 3] as number;
    const dense = (1 << 10) + DENSE_FEATURES.length - 1;
    return {
      row: rowOf([
        [speaker * 10 + (i % 2), 0.7],
        [500 + (i % 3), 0.7],
        [dense, 1],
      ]),
      speaker,
      sentiment: i % 3,
      aspects: i % 2 === 0 ? [0, 5] : [2],
      group: `page-${Math.floor(i / 2)}`,
    };
  });
  const options = { ...DEFAULT_TRAIN_OPTIONS, bits: 10, steps: 60, innerFolds: 3 };

  it('gives the same file for the same examples, byte for byte', () => {
    const a = JSON.stringify(trainMicrobizModel(examples, options));
    const b = JSON.stringify(trainMicrobizModel(examples, options));
    expect(a).toBe(b);
  });

  it('keeps every page in one fold, deals folds by a seed', () => {
    const groups = examples.map((e) => e.group);
    const folds = groupFolds(groups, 5, 7);
    groups.forEach((g, i) => groups.forEach((h, j) => g === h && expect(folds[i]).toBe(folds[j])));
    expect(groupFolds(groups, 5, 7)).toEqual(folds);
    expect(groupFolds(groups, 5, 8)).not.toEqual(folds);
    expect(new Set(folds).size).toBe(5);
  });

  it('learns what it is shown: a compiled model decides its own training examples', () => {
    const model = compileMicrobizModel(trainMicrobizModel(examples, options));
    expect(model.sellerThreshold).toBeLessThanOrEqual(1.01);
    const p = new Float64Array(5);
    const aspects = new Float64Array(8);
    let right = 0;
    for (const e of examples) {
      modelProbabilities(model, e.row, p, aspects);
      const best = p.indexOf(Math.max(...p));
      if (best === e.speaker) right++;
    }
    expect(right).toBe(examples.length);
  });

  it("fits the speaker head on the text alone, the aspect head on the rule layers' views too", () => {
    // The dense slot now carries the speaker class outright (as a rule's view might): the aspect head may use it,
    // the speaker head must not (speakerDense false), so its dense weights all stay 0.
    const leaky = examples.map((e) => ({ ...e, row: rowOf([...Array.from(e.row.indices.subarray(0, 2), (j, i) => [j, e.row.values[i] as number] as [number, number]), [(1 << 10) + e.speaker, 1]]) }));
    const file = fitHeads(leaky, { ...options, speakerDense: false });
    expect(file.speaker.dense.every((w) => w === 0)).toBe(true);
    expect(file.aspects.dense.some((w) => w !== 0)).toBe(true);
    const withViews = fitHeads(leaky, { ...options, speakerDense: true });
    expect(withViews.speaker.dense.some((w) => w !== 0)).toBe(true);
  });
});

