/**
 * createAnalyzer: loads every resource once (nodejieba + user dictionary, stop words, OpenCC tables, lexicon, IDF
 * table, sentiment model) and gives an Analyzer whose calls are pure and synchronous. Nothing loads at import time.
 */
import type { RawDocument } from '../crawlers/raw-document.js';
import type { AnalyzedDocument } from './analyzed-document.js';
import { analyzeDocument, analyzeText, type AnalyzeSteps, type TextAnalysis } from './analyze-document.js';
import { contactPlaceholderWord, defaultContactRedactor, type ContactRedactor } from './contact-redaction.js';
import { createKeywordExtractor } from './keywords.js';
import type { MicrobizStep } from './microbiz-step.js';
// Micro-business step (issue 5): aspects with their own sentiment, speaker type, provisional cluster id.
import { createMicrobizStep } from './microbiz/create-microbiz-step.js';
import { normalizeText } from './normalize.js';
import { createSegmenter, type SegmenterOptions } from './segment.js';
import { segmentAsWritten } from './segment-text.js';
import { loadLexicon } from './sentiment/lexicon.js';
import { loadSentimentModel } from './sentiment/load-sentiment-model.js';
import { createSentimentScorer } from './sentiment/score-sentiment.js';
import { createToSimplified } from './to-simplified.js';

export const NORMALIZE_VERSION = '1';

export interface AnalyzerOptions {
  segmenter?: SegmenterOptions;
  lexiconDir?: string;
  /** Model file to load; null = lexicon only; default: the shipped model (lexicon only if it is absent). */
  modelPath?: string | null;
  /** Longer texts are cut to this many characters and flagged `truncated` (default 50 000). */
  maxChars?: number;
  keywordCount?: number;
  /** Contact-id redactor; default: the micro-business one once wired in contact-redaction.ts. */
  redactContacts?: ContactRedactor | null;
  /** Micro-business step (aspects, speaker, cluster); default: createMicrobizStep() with the shipped rules. */
  microbiz?: MicrobizStep;
}

export interface Analyzer {
  /** e.g. "seg:jieba-3.5.8+dict:1.7a2754|lex:1.c0ffee|model:1.abcdef|kw:tfidf-jieba|norm:1". */
  readonly version: string;
  analyze(doc: RawDocument, now?: Date): AnalyzedDocument;
  analyzeText(text: string): TextAnalysis;
  /** jieba words of the text as written (no normalization), whitespace dropped: the `pulse segment` path (segment-text.ts). */
  segment(text: string): string[];
}

export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const segmenter = createSegmenter(options.segmenter);
  const toSimplified = createToSimplified();
  const lexicon = loadLexicon(options.lexiconDir);
  const loaded = options.modelPath === null ? null : loadSentimentModel(options.modelPath);
  const scorer = createSentimentScorer(lexicon, loaded?.model ?? null, loaded?.combine ?? null);
  const keywords = createKeywordExtractor({ exclude: [contactPlaceholderWord] });
  const keywordCount = options.keywordCount ?? 10;
  const normalizeOptions = {
    toSimplified,
    maxChars: options.maxChars ?? 50_000,
    redactContacts: options.redactContacts === undefined ? defaultContactRedactor : options.redactContacts,
  };
  const version = `seg:${segmenter.version}|${scorer.version}|kw:${keywords.version}|norm:${NORMALIZE_VERSION}`;
  const microbiz = options.microbiz ?? createMicrobizStep();
  const steps: AnalyzeSteps = {
    version,
    normalize: (text) => normalizeText(text, normalizeOptions),
    cut: (text) => segmenter.cut(text),
    contentTokens: (words) => segmenter.contentTokens(words),
    sentiment: (input, explain) => scorer.score(input, explain),
    keywords: (tokens) => keywords.extract(tokens, keywordCount),
    microbiz,
  };

  return {
    // analyzeDocument stamps `${version}|${step version}`; the analyzer announces the same string.
    version: 'version' in microbiz && microbiz.version ? `${version}|${String(microbiz.version)}` : version,
    analyze: (doc, now = new Date()) => analyzeDocument(doc, steps, now),
    analyzeText: (text) => analyzeText(text, steps),
    segment: (text) => segmentAsWritten(text, segmenter.cut, toSimplified),
  };
}
