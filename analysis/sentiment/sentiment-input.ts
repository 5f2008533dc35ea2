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

/** A trained classifier: log-odds that the text is positive. */
export interface SentimentModel {
  readonly version: string;
  logit(input: SentimentInput): number;
}
