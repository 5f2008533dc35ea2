/**
 * Public API of the analysis layer (what workers/ and infra/ import). Pure: no services, nothing runs at import.
 */
export { createAnalyzer, NORMALIZE_VERSION, type Analyzer, type AnalyzerOptions } from './create-analyzer.js';
export { createTextSegmenter, type TextSegmenter } from './segment-text.js';
export { sentimentOfText, textDocument, type TextRecord } from './text-document.js';
export type { TextAnalysis } from './analyze-document.js';
export { AnalysisError, analysisErrorCodes, type AnalysisErrorCode } from './errors.js';
export { AnalyzedDocument, Sentiment, SentimentLabel, AspectMention, AspectName, SpeakerType } from './analyzed-document.js';
export type { ContactRedactor } from './contact-redaction.js';
export type { MicrobizStep, MicrobizInput, MicrobizFields } from './microbiz-step.js';
export type { NormalizedText } from './normalize.js';
export type { SentimentResult } from './sentiment/score-sentiment.js';
export type { Evidence } from './sentiment/lexicon-scorer.js';
