/**
 * The shape stored in Elasticsearch for one AnalyzedDocument: the document itself, tokens space-joined (so the
 * whitespace analyzer keeps jieba's segmentation and phrase positions), plus `@timestamp` and `indexedAt`.
 */
import type { AnalyzedDocument } from '../../analysis/analyzed-document.js';

export type PostSource = Omit<AnalyzedDocument, 'tokens'> & {
  /** jieba tokens joined by single spaces. */
  tokens: string;
  /** The time trends bucket on: publishedAt, or fetchedAt when the page gave no date. */
  '@timestamp': string;
  indexedAt: string;
};

export function toPostSource(doc: AnalyzedDocument, indexedAt: string): PostSource {
  return {
    ...doc,
    tokens: doc.tokens.join(' '),
    '@timestamp': doc.publishedAt ?? doc.fetchedAt,
    indexedAt,
  };
}

/** Back from a stored source to the document (for raw exports and migrations). */
export function fromPostSource(source: PostSource): AnalyzedDocument & { '@timestamp': string; indexedAt: string } {
  const tokens = typeof source.tokens === 'string' ? source.tokens.split(' ').filter((t) => t.length > 0) : [];
  return { ...source, tokens };
}
