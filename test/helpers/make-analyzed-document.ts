/**
 * Test factory: a valid AnalyzedDocument (checked by the real zod schema) from a few meaningful fields; ids are
 * derived the way the crawler derives them, so the same inputs always give the same docId.
 */
import { AnalyzedDocument, type AspectMention, type SentimentLabel, type SpeakerType } from '../../analysis/analyzed-document.js';
import { contentHash, documentId } from '../../crawlers/document-ids.js';

export interface MakeDocumentInput {
  /** Distinguishes documents: becomes part of the URL (and so of the docId). */
  n: number | string;
  sourceId?: string;
  publishedAt?: string | null;
  fetchedAt?: string;
  title?: string;
  text?: string;
  tokens?: string[];
  score?: number;
  label?: SentimentLabel;
  keywords?: string[];
  topics?: string[];
  aspects?: Array<Pick<AspectMention, 'name'> & Partial<AspectMention>>;
  speaker?: SpeakerType;
  clusterId?: string;
  analysisVersion?: string;
}

export function makeAnalyzedDocument(input: MakeDocumentInput): AnalyzedDocument {
  const sourceId = input.sourceId ?? 'test-forum';
  const url = `https://forum.example.cn/thread/${input.n}`;
  const title = input.title ?? `关于微商代理的讨论 ${input.n}`;
  const text = input.text ?? '朋友拉我做微商代理，说要先囤货，我有点担心退款的问题。';
  const score = input.score ?? labelScore(input.label ?? 'neu');
  const label = input.label ?? (score < -0.2 ? 'neg' : score > 0.2 ? 'pos' : 'neu');
  const publishedAt = input.publishedAt === undefined ? '2026-11-20T10:00:00+08:00' : input.publishedAt;
  return AnalyzedDocument.parse({
    docId: documentId(sourceId, url),
    sourceId,
    url,
    title,
    text,
    publishedAt,
    author: null,
    fetchedAt: input.fetchedAt ?? '2026-11-25T12:00:00+08:00',
    contentHash: contentHash(title, text),
    topics: input.topics ?? ['微商'],
    sourceType: 'html',
    tokens: input.tokens ?? ['朋友', '微商', '代理', '囤货', '担心', '退款', '问题'],
    sentiment: { score, label, confidence: 0.8 },
    keywords: input.keywords ?? ['微商', '代理'],
    aspects: (input.aspects ?? []).map((a) => ({
      score: a.score ?? score,
      label: a.label ?? label,
      confidence: a.confidence ?? 0.7,
      terms: a.terms ?? [],
      name: a.name,
    })),
    speaker: { type: input.speaker ?? 'consumer', confidence: 0.9 },
    clusterId: input.clusterId ?? `c-${input.n}`,
    analysisVersion: input.analysisVersion ?? 'seg:1+dict:1|lex:1|model:1',
    analyzedAt: '2026-11-25T12:00:01+08:00',
  });
}

function labelScore(label: SentimentLabel): number {
  return label === 'neg' ? -0.6 : label === 'pos' ? 0.6 : 0;
}
