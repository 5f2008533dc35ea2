/**
 * The default sentiment: combines the trained model's log-odds with the lexicon scorer's raw score, and turns the
 * result into {score in [-1,1], label, confidence} plus the lexicon evidence that explains it.
 * Without a model it falls back to the lexicon alone (and says so in its version).
 */
import type { Sentiment, SentimentLabel } from '../analyzed-document.js';
import type { Lexicon } from './lexicon.js';
import { scoreLexicon, type Evidence } from './lexicon-scorer.js';
import type { ModelOutputs, SentimentInput, SentimentModel } from './sentiment-input.js';

export interface SentimentResult extends Sentiment {
  /** Lexicon words/emoticons that moved the score, strongest first. */
  evidence: Evidence[];
  /**
   * Each layer's own view in [-1,1]: the lexicon, the general model and the social-post model (null without one),
   * and the gate: the probability in [0,1] that the text reads like a hand-labeled social post (null without one).
   */
  layers: { lexicon: number; model: number | null; social: number | null; gate: number | null };
}

/**
 * z = bias + model·general + lexicon·(lexicon words' raw score) + emoticons·(lexicon emoticons' raw score)
 *       + social·gate·socialLogit + gate·gate + gatedModel·gate·general
 * The gate terms let the social model take over (and the general model step back) on texts that read like the
 * hand-labeled posts, while reviews and news keep the general model: fitted, not set by hand (fit-combiner.ts).
 * The last three are absent in release-1 files (read as 0).
 */
export interface CombineWeights {
  bias: number;
  model: number;
  lexicon: number;
  emoticons: number;
  social?: number;
  gate?: number;
  gatedModel?: number;
}

/** The combiner's weight names in the order of combinerInputs(). */
export const COMBINE_TERMS = ['bias', 'model', 'lexicon', 'emoticons', 'social', 'gate', 'gatedModel'] as const;

/** The values the weights of COMBINE_TERMS multiply, for one text. */
export function combinerInputs(o: ModelOutputs, lexiconWords: number, lexiconEmoticons: number): number[] {
  return [1, o.general, lexiconWords, lexiconEmoticons, o.gate * o.social, o.gate, o.gate * o.general];
}

export interface SentimentScorer {
  readonly version: string;
  /** `explain: false` skips collecting evidence (the result's `evidence` is then empty). */
  score(input: SentimentInput, explain?: boolean): SentimentResult;
}

/** Texts whose score lies within ±NEUTRAL_BAND are labelled neutral. */
export const NEUTRAL_BAND = 0.2;
/** Lexicon alone: raw score → log-odds. */
const LEXICON_ONLY: CombineWeights = { bias: 0, model: 0, lexicon: 1.2, emoticons: 1.2 };

export function labelFor(score: number): SentimentLabel {
  return score > NEUTRAL_BAND ? 'pos' : score < -NEUTRAL_BAND ? 'neg' : 'neu';
}

/** Polar labels: the probability of that label; neutral: how close to 0 the score is. */
export function confidenceFor(score: number, label: SentimentLabel): number {
  if (label === 'neu') return 1 - (Math.abs(score) / NEUTRAL_BAND) * 0.5;
  return (1 + Math.abs(score)) / 2;
}

const sigmoidScore = (z: number): number => {
  const s = Math.tanh(z / 2); // = 2·sigmoid(z) − 1
  return Number.isFinite(s) ? s : 0;
};

export function combine(w: CombineWeights, o: ModelOutputs, lexiconWords: number, lexiconEmoticons: number): number {
  return (
    w.bias +
    w.model * o.general +
    w.lexicon * lexiconWords +
    w.emoticons * lexiconEmoticons +
    (w.social ?? 0) * o.gate * o.social +
    (w.gate ?? 0) * o.gate +
    (w.gatedModel ?? 0) * o.gate * o.general
  );
}

const NO_MODEL: ModelOutputs = { general: 0, social: 0, gate: 0 };

export function createSentimentScorer(lexicon: Lexicon, model: SentimentModel | null, weights: CombineWeights | null): SentimentScorer {
  const w = model && weights ? weights : LEXICON_ONLY;
  return {
    version: `lex:${lexicon.version}|model:${model ? model.version : 'none'}`,
    score(input, explain = true) {
      const lex = scoreLexicon(input.words, input.emoticons, lexicon, explain);
      const out = model ? model.outputs({ words: input.words, plain: input.plain, emoticons: input.emoticons, lexiconHits: lex.hits }) : NO_MODEL;
      const score = sigmoidScore(combine(w, out, lex.raw - lex.emoticonRaw, lex.emoticonRaw));
      const hasParts = model !== null && (w.social !== undefined || w.gate !== undefined);
      const label = labelFor(score);
      const empty = input.words.length === 0 && input.emoticons.length === 0;
      if (lex.evidence.length > 1) lex.evidence.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
      return {
        score: empty ? 0 : score,
        label: empty ? 'neu' : label,
        confidence: empty ? 0 : confidenceFor(score, label),
        evidence: lex.evidence,
        layers: {
          lexicon: lex.score,
          model: model ? sigmoidScore(out.general) : null,
          social: hasParts ? sigmoidScore(out.social) : null,
          gate: hasParts ? out.gate : null,
        },
      };
    },
  };
}
