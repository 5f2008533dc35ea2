/**
 * Integration point for the micro-business issue (aspects, speaker type, copy-paste clusters): the contract of the
 * step analyze-document.ts calls, and the pre-microbiz defaults it uses until that module is wired in through
 * `AnalyzerOptions.microbiz`. The defaults are placeholders, not features: no aspects, speaker "other" with
 * confidence 0, and every document its own cluster.
 */
import type { AnalyzedDocument, Sentiment } from './analyzed-document.js';

export interface MicrobizInput {
  docId: string;
  /** Normalized, redacted title and body text. */
  title: string;
  text: string;
  /** All jieba words of title + body (punctuation and stop words included), title and body joined by '。'. */
  words: readonly string[];
  /** The text `words` were cut from (their concatenation), when the caller has it: saves joining them again. */
  plain?: string;
  /** Content tokens (what is indexed). */
  tokens: readonly string[];
  emoticons: readonly string[];
  /** The analyzer's sentiment of the whole document (emoticons included), when the caller has it. */
  sentiment?: Sentiment;
  /**
   * The default sentiment (lexicon + model) of any window of `words`, e.g. the clause around an aspect term;
   * `plain`, when the caller has it, is the window's words concatenated (saves joining them again).
   */
  sentimentOf(words: readonly string[], plain?: string): Sentiment;
}

export interface MicrobizFields {
  aspects: AnalyzedDocument['aspects'];
  speaker: AnalyzedDocument['speaker'];
  clusterId: string;
  /** Appended to analysisVersion (e.g. "mb:1"); empty for the defaults. */
  version: string;
}

export type MicrobizStep = (input: MicrobizInput) => MicrobizFields;

/** PRE-MICROBIZ DEFAULTS — replaced when the micro-business module is wired (see AnalyzerOptions.microbiz). */
export const preMicrobizDefaults: MicrobizStep = (input) => ({
  aspects: [],
  speaker: { type: 'other', confidence: 0 },
  clusterId: input.docId,
  version: '',
});
