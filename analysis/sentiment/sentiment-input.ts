/** What every sentiment layer reads about one text: its jieba words, its plain text and its emoticons/emoji. */
export interface SentimentInput {
  /** All jieba words of the plain text, stop words included (negators and 的/了 matter here). */
  words: readonly string[];
  /** Normalized text with emoticons and emoji blanked out. */
  plain: string;
  emoticons: readonly string[];
  /** The lexicon layer's hits (LexiconHit codes), which the model reads as features: the rules' view of negation. */
  lexiconHits?: readonly number[];
}

/** What a trained model says about one text (the combiner in score-sentiment.ts mixes it with the lexicon). */
export interface ModelOutputs {
  /** Log-odds that the text is positive, by the model trained on all labeled rows. */
  general: number;
  /** The same, by the model trained on hand-labeled social-media posts only (0 when the file has none). */
  social: number;
  /** Probability that the text reads like those posts (0 when the file has no gate). */
  gate: number;
}

/** A trained classifier. */
export interface SentimentModel {
  readonly version: string;
  outputs(input: SentimentInput): ModelOutputs;
}
