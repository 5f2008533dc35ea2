/**
 * analyzeMicrobiz: aspects (each with its own sentiment) and speaker type of one redacted text. Pure; the cluster
 * id is not decided here (it needs the shared ClusterStore, which the worker calls).
 */
import type { AspectMention } from '../analyzed-document.js';
import { detectAspects, type SentimentOf } from './aspects.js';
import { classifySpeaker, type SpeakerResult } from './speaker.js';

export interface MicrobizAnalysisInput {
  /** Normalized text with contacts already redacted (title and body may be joined by a newline). */
  text: string;
  /** jieba tokens of that text. */
  tokens: readonly string[];
  /** Identifiers redaction replaced (RedactionResult.count); placeholders still in `text` are counted too. */
  contactCount: number;
  /** Sentiment of a span of the text, e.g. the analyzer's scorer; a score in [-1, 1] or a full Sentiment. */
  sentimentOf: SentimentOf;
}

export interface MicrobizAnalysis {
  aspects: AspectMention[];
  speaker: SpeakerResult;
}

export function analyzeMicrobiz(input: MicrobizAnalysisInput): MicrobizAnalysis {
  return {
    aspects: detectAspects(input.tokens, input.text, input.sentimentOf),
    speaker: classifySpeaker({ text: input.text, tokens: input.tokens, contactCount: input.contactCount }),
  };
}
