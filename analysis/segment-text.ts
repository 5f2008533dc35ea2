/**
 * Words of a text as the reader wrote it: the one segmentation path that `pulse segment`, `Analyzer.segment` and
 * `npm run eval:seg` all run, so the F1 that eval:seg prints is the F1 of what `pulse segment` prints.
 * Takes any string, gives jieba words that are slices of the (sanitized) input, whitespace-only words dropped.
 */
import { sanitizeText, toHalfWidth } from './normalize.js';
import { createSegmenter, type SegmenterOptions } from './segment.js';
import { createToSimplified, type ToSimplified } from './to-simplified.js';

export interface TextSegmenter {
  /** The segmenter's version (dictionary content), e.g. "jieba-3.5.8+dict:1.7a2754". */
  readonly version: string;
  words(text: string): string[];
  /** The line `pulse segment` prints for this text: its words separated by single spaces. */
  line(text: string): string;
}

/**
 * jieba cuts the half-width simplified form (its dictionary is simplified, and full-width digits and letters would
 * otherwise come out one character per word), and when that conversion kept the length (nearly always: it maps
 * character for character) the cuts are applied to the original text. Whitespace-only words are dropped.
 */
export function segmentAsWritten(text: string, cut: (t: string) => string[], toSimplified: ToSimplified): string[] {
  const clean = sanitizeText(text);
  const converted = toSimplified(toHalfWidth(clean));
  const words = cut(converted);
  const out: string[] = [];
  let at = 0;
  for (const w of words) {
    const word = converted.length === clean.length ? clean.slice(at, at + w.length) : w;
    at += w.length;
    if (word.trim().length > 0) out.push(word);
  }
  return out;
}

/** Loads only what segmentation needs (nodejieba + dictionaries, OpenCC tables): no lexicon, no models. */
export function createTextSegmenter(options: SegmenterOptions = {}): TextSegmenter {
  const segmenter = createSegmenter(options);
  const toSimplified = createToSimplified();
  const words = (text: string): string[] => segmentAsWritten(text, segmenter.cut, toSimplified);
  return { version: segmenter.version, words, line: (text) => words(text).join(' ') };
}
