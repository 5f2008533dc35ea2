/**
 * The whole training recipe, as a function so `train:sentiment` and the cross-validation in `eval:sentiment` run the
 * same code: featurize → hold out a seeded slice → train on the rest → fit the layer combiner on the held-out slice
 * → retrain on everything → model bytes. Same rows + same recipe → same bytes.
 */
import { createFeatureBuffer, extractFeatures, FEATURE_LAYOUT, uniqueSorted, type FeatureOptions } from '../hashed-features.js';
import { linearScore } from '../hashed-model.js';
import { encodeModel, type ModelHeader } from '../model-file.js';
import { fitCombiner, type CombinerRow } from './fit-combiner.js';
import type { PreparedRow } from './prepare-inputs.js';
import { seededRandom } from './seeded-random.js';
import { naiveBayesScale, trainHashedLr, type LrOptions, type LrWeights, type TrainingExample } from './train-hashed-lr.js';

export interface Recipe extends LrOptions {
  release: string;
  /** Loss weight of a row by its source (default 1). */
  sourceWeights: Record<string, number>;
  /**
   * Probability of hiding each emoticon of a row in one training pass, by source (default 0). The Weibo rows of
   * weibo_senti_100k were labeled by their emoticons, so theirs are hidden (1 = always): only hand-labeled rows
   * teach the model what an emoticon means, and the distant-labeled rows teach it words.
   */
  emoticonDropout: Record<string, number>;
  /** Share of rows held out to fit the combiner. */
  combinerHoldout: number;
  /** Features count once per text (presence) instead of per occurrence. */
  binary: boolean;
  /** Train this many models with different shuffles and average their weights (variance reduction; 1 = off). */
  bagging: number;
  /** Scale inputs by naive-Bayes log-count ratios (NB-SVM); 0 = off, else the smoothing α. */
  nbAlpha: number;
}

/** The shipped recipe (chosen on dev.tsv and weibo_human 5-fold CV; see model/README.md). */
export const defaultRecipe: Recipe = {
  release: '1',
  bits: 21,
  epochs: 3,
  learningRate: 0.2,
  l2: 0,
  emoticonDropout: { weibo_senti_100k: 0.9 },
  seed: 20251124,
  sourceWeights: { weibo2018: 8 },
  combinerHoldout: 0.1,
  nbAlpha: 1,
  binary: false,
  bagging: 1,
};

export function featurize(rows: readonly PreparedRow[], recipe: Recipe, negators: ReadonlySet<string>): TrainingExample[] {
  // Binary (dedupe) is applied below per part, so that emoticons stay separable for dropout.
  const options: FeatureOptions = { bits: recipe.bits, negators };
  const buf = createFeatureBuffer();
  return rows.map((row) => {
    extractFeatures(row.input, options, buf);
    // extractFeatures appends exactly one feature per emoticon, last: split them off for dropout.
    const textCount = buf.count - row.input.emoticons.length;
    const textEnd = recipe.binary ? uniqueSorted(buf.indices, 0, textCount) : textCount;
    const emoticons = buf.indices.slice(textCount, buf.count);
    return {
      text: buf.indices.slice(0, textEnd),
      emoticons: recipe.binary ? emoticons.slice(0, uniqueSorted(emoticons, 0, emoticons.length)) : emoticons,
      y: row.y,
      weight: recipe.sourceWeights[row.source] ?? 1,
      emoticonDropout: recipe.emoticonDropout[row.source] ?? 0,
    };
  });
}

/** `bagging` models with seeds seed, seed+1, …; their weights and biases averaged. */
function trainBagged(examples: readonly TrainingExample[], recipe: Recipe, scale: Float32Array | undefined): LrWeights {
  const runs = Math.max(1, recipe.bagging);
  const first = trainHashedLr(examples, recipe, scale);
  if (runs === 1) return first;
  const weights = Float32Array.from(first.weights);
  let bias = first.bias;
  for (let r = 1; r < runs; r++) {
    const next = trainHashedLr(examples, { ...recipe, seed: recipe.seed + r }, scale);
    for (let k = 0; k < weights.length; k++) weights[k] = weights[k]! + next.weights[k]!;
    bias += next.bias;
  }
  for (let k = 0; k < weights.length; k++) weights[k] = weights[k]! / runs;
  return { weights, bias: bias / runs };
}

export interface TrainedModel {
  header: ModelHeader;
  weights: Float32Array;
  bytes: Buffer;
}

export function trainSentimentModel(rows: readonly PreparedRow[], recipe: Recipe, negators: readonly string[]): TrainedModel {
  const examples = featurize(rows, recipe, new Set(negators));
  const random = seededRandom(recipe.seed ^ 0x5eed);
  const heldOut = examples.map(() => random() < recipe.combinerHoldout);
  const nb = (subset: readonly TrainingExample[]): Float32Array | undefined =>
    recipe.nbAlpha > 0 ? naiveBayesScale(subset, recipe.bits, recipe.nbAlpha) : undefined;
  const firstExamples = examples.filter((_e, i) => !heldOut[i]);
  const first = trainBagged(firstExamples, recipe, nb(firstExamples));
  const combinerRows: CombinerRow[] = [];
  const buf = createFeatureBuffer();
  examples.forEach((ex, i) => {
    if (!heldOut[i]) return;
    buf.indices = Int32Array.from([...ex.text, ...ex.emoticons]);
    buf.count = buf.indices.length;
    const row = rows[i]!;
    const modelLogit = linearScore(first.weights, 1, first.bias, buf);
    combinerRows.push({ modelLogit, lexiconWords: row.lexiconWords, lexiconEmoticons: row.lexiconEmoticons, y: ex.y, weight: ex.weight });
  });
  const combine = fitCombiner(combinerRows);
  const final = trainBagged(examples, recipe, nb(examples));
  const header: ModelHeader = {
    format: 'pulse-sentiment-hashed-lr',
    release: recipe.release,
    layout: FEATURE_LAYOUT,
    binary: recipe.binary,
    bits: recipe.bits,
    bias: final.bias,
    scale: 1,
    negators: [...negators],
    combine,
    training: {
      rows: rows.length,
      epochs: recipe.epochs,
      learningRate: recipe.learningRate,
      l2: recipe.l2,
      emoticonDropout: JSON.stringify(recipe.emoticonDropout),
      seed: recipe.seed,
      sourceWeights: JSON.stringify(recipe.sourceWeights),
      combinerHoldout: recipe.combinerHoldout,
      nbAlpha: recipe.nbAlpha,
      bagging: recipe.bagging,
    },
  };
  const bytes = encodeModel(header, final.weights);
  return { header, weights: final.weights, bytes };
}
