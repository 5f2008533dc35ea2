import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../../../../analysis/errors.js';
import { createSegmenter } from '../../../../analysis/segment.js';
import { FEATURE_LAYOUT } from '../../../../analysis/sentiment/hashed-features.js';
import { createHashedModel } from '../../../../analysis/sentiment/hashed-model.js';
import { loadLexicon } from '../../../../analysis/sentiment/lexicon.js';
import { decodeModel, encodeModel, type ModelHeader } from '../../../../analysis/sentiment/model-file.js';
import type { LabeledRow } from '../../../../analysis/sentiment/train/labeled-rows.js';
import { prepareRows } from '../../../../analysis/sentiment/train/prepare-inputs.js';
import { defaultRecipe, trainSentimentModel } from '../../../../analysis/sentiment/train/train-sentiment-model.js';

const segmenter = createSegmenter();
const lexicon = loadLexicon();

// A tiny hand-written corpus (not from any dataset), enough to check the mechanics, not the accuracy.
const pos = ['质量很好，很满意', '客服耐心，推荐购买', '物流很快，包装完好', '效果不错，会回购', '正品，价格实惠', '用着舒服，喜欢'];
const neg = ['质量太差，很失望', '客服不理人，退款难', '发货慢，包装破损', '用了过敏，后悔', '假货，被骗了', '囤货卖不出去，亏钱'];
const rows: LabeledRow[] = [
  ...pos.map((text) => ({ label: 'pos' as const, y: 1, text, source: 'unit' })),
  ...neg.map((text) => ({ label: 'neg' as const, y: 0, text, source: 'unit' })),
];
const recipe = { ...defaultRecipe, bits: 12, epochs: 8, combinerHoldout: 0.3 };

describe('sentiment model training', () => {
  it('is reproducible: same rows and recipe give the same bytes', () => {
    const prepared = prepareRows(rows, segmenter, lexicon);
    const a = trainSentimentModel(prepared, [], recipe, [...lexicon.negators]);
    const b = trainSentimentModel(prepareRows(rows, segmenter, lexicon), [], recipe, [...lexicon.negators]);
    expect(Buffer.compare(a.bytes, b.bytes)).toBe(0);
    const c = trainSentimentModel(prepared, [], { ...recipe, seed: recipe.seed + 1 }, [...lexicon.negators]);
    expect(Buffer.compare(a.bytes, c.bytes)).not.toBe(0);
  });

  it('learns its training rows and round-trips through the model file', () => {
    const prepared = prepareRows(rows, segmenter, lexicon);
    const trained = trainSentimentModel(prepared, [], recipe, [...lexicon.negators]);
    const model = createHashedModel(decodeModel(trained.bytes), trained.bytes);
    const right = prepared.filter((r) => (model.outputs(r.input).general > 0 ? 1 : 0) === r.y).length;
    expect(right).toBeGreaterThanOrEqual(11);
    expect(model.version).toMatch(/^2\.[0-9a-f]{6}$/);
  });

  // Hand-written "social posts" (not from any dataset): short, first person, emoticons — unlike the rows above.
  const socialPos = ['今天终于收到货啦[哈哈]开心', '姐妹们这个真的好用[爱你]', '周末出去玩超开心[太开心]', '谢谢大家的祝福[心]好感动'];
  const socialNeg = ['又被放鸽子了[怒]气死我了', '今天好倒霉[泪]什么都不顺', '加班到半夜[抓狂]好累', '被骗了两百块[泪]心塞'];
  const social: LabeledRow[] = [
    ...socialPos.map((text) => ({ label: 'pos' as const, y: 1, text, source: 'unit-social' })),
    ...socialNeg.map((text) => ({ label: 'neg' as const, y: 0, text, source: 'unit-social' })),
  ];

  it('with social posts: stores the social model and the gate, and the gate tells the two kinds of text apart', () => {
    const general = prepareRows(rows, segmenter, lexicon);
    const posts = prepareRows(social, segmenter, lexicon);
    const withParts = { ...recipe, social: { bits: 11, epochs: 8 }, gate: { bits: 10, epochs: 8 }, socialHoldout: 0.3 };
    const trained = trainSentimentModel(general, posts, withParts, [...lexicon.negators]);
    const data = decodeModel(trained.bytes);
    expect(data.header.social?.bits).toBe(11);
    expect(data.header.gate?.bits).toBe(10);
    expect(data.social?.length).toBe(2048);
    expect(data.gate?.length).toBe(1024);
    expect(Object.keys(data.header.combine).sort()).toEqual(['bias', 'emoticons', 'gate', 'gatedModel', 'lexicon', 'model', 'social']);
    const model = createHashedModel(data, trained.bytes);
    const meanGate = (set: typeof posts): number => set.reduce((s, r) => s + model.outputs(r.input).gate, 0) / set.length;
    expect(meanGate(posts)).toBeGreaterThan(meanGate(general));
    const socialRight = posts.filter((r) => (model.outputs(r.input).social > 0 ? 1 : 0) === r.y).length;
    expect(socialRight).toBeGreaterThanOrEqual(7);
    // Same rows, same recipe → same bytes, parts included.
    expect(Buffer.compare(trainSentimentModel(general, posts, withParts, [...lexicon.negators]).bytes, trained.bytes)).toBe(0);
  });

  it('without social posts: the file has no parts and the combiner no gate terms', () => {
    const trained = trainSentimentModel(prepareRows(rows, segmenter, lexicon), [], recipe, [...lexicon.negators]);
    const data = decodeModel(trained.bytes);
    expect(data.header.social).toBeUndefined();
    expect(data.gate).toBeUndefined();
    expect(Object.keys(data.header.combine).sort()).toEqual(['bias', 'emoticons', 'lexicon', 'model']);
  });
});

describe('model file', () => {
  const header: ModelHeader = {
    format: 'pulse-sentiment-hashed-lr',
    release: '9',
    layout: FEATURE_LAYOUT,
    bits: 4,
    binary: false,
    bias: 0.5,
    scale: 1,
    negators: ['不'],
    combine: { bias: 0, model: 1, lexicon: 0, emoticons: 0 },
    training: {},
  };

  it('stores int8 weights with a scale', () => {
    const weights = Float32Array.from({ length: 16 }, (_v, i) => (i - 8) / 4);
    const data = decodeModel(encodeModel(header, weights));
    expect(data.header.bias).toBe(0.5);
    data.quantized.forEach((q, i) => expect(Math.abs(q * data.header.scale - weights[i]!)).toBeLessThan(data.header.scale));
  });

  it('stores the social and gate parts after the general weights, each with its own scale', () => {
    const weights = {
      general: Float32Array.from({ length: 16 }, (_v, i) => i / 16),
      social: { weights: Float32Array.from({ length: 8 }, (_v, i) => -i), bias: 0.25 },
      gate: { weights: Float32Array.from({ length: 4 }, (_v, i) => i * 10), bias: -1 },
    };
    const data = decodeModel(encodeModel(header, weights));
    expect(data.header.social).toMatchObject({ bits: 3, bias: 0.25 });
    expect(data.header.gate).toMatchObject({ bits: 2, bias: -1 });
    expect(data.social![7]! * data.header.social!.scale).toBeCloseTo(-7, 5);
    expect(data.gate![3]! * data.header.gate!.scale).toBeCloseTo(30, 5);
    expect(data.quantized[15]! * data.header.scale).toBeCloseTo(15 / 16, 2);
  });

  it('rejects a part with more buckets than the general model', () => {
    const bytes = encodeModel(header, { general: new Float32Array(16), social: { weights: new Float32Array(32), bias: 0 } });
    expect(() => decodeModel(bytes)).toThrowError(/social part has 5 bits/);
  });

  it('rejects a file that is not a model, or is cut short', () => {
    const bytes = encodeModel(header, new Float32Array(16));
    for (const bad of [Buffer.from('hello world'), bytes.subarray(0, bytes.length - 3)]) {
      expect(() => decodeModel(bad)).toThrowError(AnalysisError);
      try {
        decodeModel(bad);
      } catch (e) {
        expect((e as AnalysisError).code).toBe('ANALYSIS_RESOURCE_INVALID');
      }
    }
  });

  it('refuses a model trained on another feature layout', () => {
    const bytes = encodeModel({ ...header, layout: 'h0:other' }, new Float32Array(16));
    expect(() => createHashedModel(decodeModel(bytes), bytes)).toThrowError(/uses features h0:other/);
  });
});
