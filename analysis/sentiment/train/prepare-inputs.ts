/**
 * Turns labeled rows into what the sentiment layers read (normalized plain text, jieba words, emoticons), with the
 * same normalization and segmentation as production, plus the lexicon's raw score of each row.
 */
import { defaultContactRedactor } from '../../contact-redaction.js';
import { normalizeText } from '../../normalize.js';
import type { Segmenter } from '../../segment.js';
import { createToSimplified } from '../../to-simplified.js';
import type { Lexicon } from '../lexicon.js';
import { scoreLexicon } from '../lexicon-scorer.js';
import type { SentimentInput } from '../sentiment-input.js';
import type { LabeledRow } from './labeled-rows.js';

export interface PreparedRow extends LabeledRow {
  input: SentimentInput;
  /** Lexicon layer's raw score from words, and from emoticons/emoji. */
  lexiconWords: number;
  lexiconEmoticons: number;
}

export function prepareRows(rows: readonly LabeledRow[], segmenter: Segmenter, lexicon: Lexicon, transform?: (text: string) => string): PreparedRow[] {
  const toSimplified = createToSimplified();
  return rows.map((row) => {
    const n = normalizeText(transform ? transform(row.text) : row.text, { toSimplified, maxChars: 50_000, redactContacts: defaultContactRedactor });
    const words = segmenter.cut(n.plain);
    const lex = scoreLexicon(words, n.emoticons, lexicon, false);
    const input: SentimentInput = { words, plain: n.plain, emoticons: n.emoticons, lexiconHits: lex.hits };
    return { ...row, input, lexiconWords: lex.raw - lex.emoticonRaw, lexiconEmoticons: lex.emoticonRaw };
  });
}
