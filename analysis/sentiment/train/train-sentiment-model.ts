/**
 * The whole training recipe, as a function so `train:sentiment` and the cross-validation in `eval:sentiment` run the
 * same code. Three logistic regressions over one set of hashed features:
 *   - general: every labeled row (hand-labeled social posts weigh more);
 *   - social: the hand-labeled social-media posts only — the data closest to what Pulse reads;
 *   - gate: tells those posts from the rest, so the combiner can hand texts that read like them to the social model
 *     while reviews and other text keep the general one.
 * featurize → hold out seeded slices of both row sets → train the three on the rest → fit the combiner on the held-out
 * rows (both sets weigh the same in it) → retrain the three on everything → model bytes. Same rows + recipe → same bytes.
 */
import { createFeatureBuffer, extractFeatures, FEATURE_LAYOUT, uniqueSorted, type FeatureOptions } from '../hashed-features.js';
import { createHashedModel } from '../hashed-model.js';
import { decodeModel, encodeModel, type ModelHeader, type ModelWeights } from '../model-file.js';
import type { SentimentModel } from '../sentiment-input.js';
import { fitCombiner, type CombinerRow } from './fit-combiner.js';
import type { PreparedRow } from './prepare-inputs.js';
import { seededRandom } from './seeded-random.js';
import { naiveBayesScale, trainHashedLr, type LrOptions, type LrWeights, type TrainingExample } from './train-hashed-lr.js';

/** A part trained on fewer hash buckets than the general model (its index = general index >>> (bits − part bits)). */
export interface PartRecipe extends Partial<Pick<Recipe, 'learningRate' | 'l2' | 'bagging' | 'nbAlpha'>> {
  bits: number;
  epochs: number;
}

export interface Recipe extends LrOptions {
  release: string;
  /** Loss weight of a hand-labeled social post in the general model (other rows weigh 1). */
  socialWeight: number;
  /**
   * Probability of hiding each emoticon of a row in one training pass, by source (default 0). The Weibo rows of
   * weibo_senti_100k were labeled by their emoticons, so theirs are hidden (1 = always): only hand-labeled rows
   * teach the model what an emoticon means, and the distant-labeled rows teach it words.
   */
  emoticonDropout: Record<string, number>;
  /** Share of the general rows held out to fit the combiner. */
  combinerHoldout: number;
  /** Share of the social posts held out to fit the combiner. */
  socialHoldout: number;
  /** Share of the combiner's total row weight carried by the held-out social posts (the rest: other rows). */
  socialShareInCombiner: number;
  /** Features count once per text (presence) instead of per occurrence. */
  binary: boolean;
  /** Train this many models with different shuffles and average their weights (variance reduction; 1 = off). */
  bagging: number;
  /** Scale inputs by naive-Bayes log-count ratios (NB-SVM); 0 = off, else the smoothing α. */
  nbAlpha: number;
  /** The social-post model and the gate; null trains the general model alone (a release-1 style file). */
  social: PartRecipe | null;
  gate: PartRecipe | null;
}

/** The shipped recipe (chosen on dev.tsv and weibo_human 5-fold CV; see model/README.md). */
export const defaultRecipe: Recipe = {
  release: '2',
  bits: 21,
  epochs: 3,
  learningRate: 0.2,
  l2: 0,
  emoticonDropout: { weibo_senti_100k: 0.9 },
  seed: 20251124,
  socialWeight: 4,
  combinerHoldout: 0.1,
  socialHoldout: 0.2,
  socialShareInCombiner: 0.2,
  nbAlpha: 1,
  binary: false,
  bagging: 1,
  social: { bits: 20, epochs: 5 },
  gate: { bits: 19, epochs: 2 },
};

export function featurize(rows: readonly PreparedRow[], recipe: Recipe, negators: ReadonlySet<string>, weight = 1): TrainingExample[] {
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
      weight,
      emoticonDropout: recipe.emoticonDropout[row.source] ?? 0,
    };
  });
}

/** The same examples on 2^bits buckets (a part's view of the general features). */
function onFewerBuckets(examples: readonly TrainingExample[], fromBits: number, bits: number): TrainingExample[] {
  const shift = fromBits - bits;
  if (shift === 0) return [...examples];
  const map = (a: Int32Array): Int32Array => a.map((k) => k >>> shift);
  return examples.map((ex) => ({ ...ex, text: map(ex.text), emoticons: map(ex.emoticons) }));
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
  bytes: Buffer;
}

interface Parts {
  general: LrWeights;
  social: LrWeights | null;
  gate: LrWeights | null;
}

/** Trains the general model, the social model and the gate on the given examples (indices into the two sets). */
function trainParts(recipe: Recipe, general: readonly TrainingExample[], social: readonly TrainingExample[]): Parts {
  const all = [...general, ...social];
  const nb = (subset: readonly TrainingExample[], bits: number): Float32Array | undefined =>
    recipe.nbAlpha > 0 ? naiveBayesScale(subset, bits, recipe.nbAlpha) : undefined;
  const parts: Parts = { general: trainBagged(all, recipe, nb(all, recipe.bits)), social: null, gate: null };
  if (recipe.social && social.length > 0) {
    const r = { ...recipe, ...recipe.social };
    const examples = onFewerBuckets(social, recipe.bits, r.bits).map((ex) => ({ ...ex, weight: 1 }));
    parts.social = trainBagged(examples, r, nb(examples, r.bits));
  }
  if (recipe.gate && social.length > 0) {
    // The gate learns "is this one of the hand-labeled posts?": both sides weigh the same in total.
    const r = { ...recipe, ...recipe.gate };
    const balance = general.length / social.length;
    const examples = [
      ...onFewerBuckets(general, recipe.bits, r.bits).map((ex) => ({ ...ex, y: 0, weight: 1, emoticonDropout: 0 })),
      ...onFewerBuckets(social, recipe.bits, r.bits).map((ex) => ({ ...ex, y: 1, weight: balance, emoticonDropout: 0 })),
    ];
    parts.gate = trainBagged(examples, r, undefined);
  }
  return parts;
}

function asModel(header: ModelHeader, parts: Parts): { bytes: Buffer; model: SentimentModel } {
  const weights: ModelWeights = { general: parts.general.weights };
  if (parts.social) weights.social = parts.social;
  if (parts.gate) weights.gate = parts.gate;
  const bytes = encodeModel({ ...header, bias: parts.general.bias }, weights);
  return { bytes, model: createHashedModel(decodeModel(bytes), bytes) };
}

/**
 * `general`: every labeled row but the hand-labeled social posts; `social`: those posts (weibo_human.tsv here).
 * Both train the general model; the social posts alone train the social model.
 */
export function trainSentimentModel(general: readonly PreparedRow[], social: readonly PreparedRow[], recipe: Recipe, negators: readonly string[]): TrainedModel {
  const negatorSet = new Set(negators);
  const generalEx = featurize(general, recipe, negatorSet);
  const socialEx = featurize(social, recipe, negatorSet, recipe.socialWeight);
  const random = seededRandom(recipe.seed ^ 0x5eed);
  const generalHeld = generalEx.map(() => random() < recipe.combinerHoldout);
  const socialHeld = socialEx.map(() => random() < recipe.socialHoldout);
  const header: ModelHeader = {
    format: 'pulse-sentiment-hashed-lr',
    release: recipe.release,
    layout: FEATURE_LAYOUT,
    binary: recipe.binary,
    bits: recipe.bits,
    bias: 0,
    scale: 1,
    negators: [...negators],
    combine: { bias: 0, model: 1, lexicon: 0, emoticons: 0 },
    training: {
      rows: general.length + social.length,
      socialRows: social.length,
      epochs: recipe.epochs,
      learningRate: recipe.learningRate,
      l2: recipe.l2,
      emoticonDropout: JSON.stringify(recipe.emoticonDropout),
      seed: recipe.seed,
      socialWeight: recipe.socialWeight,
      combinerHoldout: recipe.combinerHoldout,
      socialHoldout: recipe.socialHoldout,
      socialShareInCombiner: recipe.socialShareInCombiner,
      nbAlpha: recipe.nbAlpha,
      bagging: recipe.bagging,
      social: JSON.stringify(recipe.social),
      gate: JSON.stringify(recipe.gate),
    },
  };

  // First pass without the held-out rows; the combiner is fitted on what those models say about them, through the
  // same file encoding (int8) that prediction uses.
  const first = asModel(header, trainParts(recipe, generalEx.filter((_e, i) => !generalHeld[i]), socialEx.filter((_e, i) => !socialHeld[i])));
  const combinerRows: CombinerRow[] = [];
  const heldGeneral = general.filter((_r, i) => generalHeld[i]);
  const heldSocial = social.filter((_r, i) => socialHeld[i]);
  // The default must serve social posts and other text alike: each held-out set carries its share of the weight.
  const share = recipe.socialShareInCombiner;
  const socialBalance = heldSocial.length > 0 ? (heldGeneral.length / heldSocial.length) * (share / (1 - share)) : 0;
  for (const [rows, weight] of [[heldGeneral, 1], [heldSocial, socialBalance]] as const) {
    for (const row of rows) {
      combinerRows.push({ outputs: first.model.outputs(row.input), lexiconWords: row.lexiconWords, lexiconEmoticons: row.lexiconEmoticons, y: row.y, weight });
    }
  }
  const combine = fitCombiner(combinerRows);
  const final = trainParts(recipe, generalEx, socialEx);
  const { bytes } = asModel({ ...header, combine }, final);
  return { header: decodeModel(bytes).header, bytes };
}
