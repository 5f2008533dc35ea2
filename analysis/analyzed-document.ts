/**
 * AnalyzedDocument: a RawDocument after the analyze stage, as the `index` queue carries it and Elasticsearch stores it.
 * The raw `body` is replaced by `text` (normalized, contact ids redacted): nothing downstream sees the clear body.
 */
import { z } from 'zod';
import { RawDocument } from '../crawlers/raw-document.js';

export const SentimentLabel = z.enum(['neg', 'neu', 'pos']);
export type SentimentLabel = z.infer<typeof SentimentLabel>;

export const Sentiment = z.object({
  /** In [-1, 1]: negative below 0. */
  score: z.number().min(-1).max(1),
  label: SentimentLabel,
  /** In [0, 1]. */
  confidence: z.number().min(0).max(1),
});
export type Sentiment = z.infer<typeof Sentiment>;

export const AspectName = z.enum(['recruiting', 'stockpiling', 'income', 'quality', 'legality', 'platform', 'refunds', 'trust']);
export type AspectName = z.infer<typeof AspectName>;

export const AspectMention = Sentiment.extend({ name: AspectName, terms: z.array(z.string()) });
export type AspectMention = z.infer<typeof AspectMention>;

export const SpeakerType = z.enum(['seller_ad', 'consumer', 'agent', 'media', 'other']);
export type SpeakerType = z.infer<typeof SpeakerType>;

export const AnalyzedDocument = RawDocument.omit({ body: true }).extend({
  /** Normalized title (contacts redacted). */
  title: z.string(),
  /** Normalized, redacted body text. */
  text: z.string(),
  /** jieba tokens of title + text without stop words. */
  tokens: z.array(z.string()),
  sentiment: Sentiment,
  keywords: z.array(z.string()),
  aspects: z.array(AspectMention).default([]),
  speaker: z.object({ type: SpeakerType, confidence: z.number().min(0).max(1) }).default({ type: 'other', confidence: 0 }),
  /** Near-duplicate cluster: documents of one copy-paste wave share it. */
  clusterId: z.string(),
  /** What normalization removed or flagged: contact ids redacted, truncation, no Chinese text… */
  redactions: z.object({ contacts: z.number().int().min(0) }).default({ contacts: 0 }),
  flags: z.array(z.string()).default([]),
  mentions: z.array(z.string()).default([]),
  links: z.array(z.string()).default([]),
  emoticons: z.array(z.string()).default([]),
  /** e.g. "seg:1+dict:1|lex:1|model:1": which dictionary, lexicon and model produced these numbers. */
  analysisVersion: z.string(),
  analyzedAt: z.string().datetime({ offset: true }),
});

export type AnalyzedDocument = z.infer<typeof AnalyzedDocument>;
