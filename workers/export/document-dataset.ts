/**
 * Stored documents → Dataset: one flat record per post with its analysis (sentiment, aspects, speaker, cluster,
 * analysis version). Text is the stored, contact-redacted text; tokens are left out (they are derived data).
 */
import type { StoredDocument } from '../../infra/elasticsearch/stream-documents.js';
import type { Column, Dataset, DatasetRecord } from './dataset.js';

export const documentColumns: Column[] = [
  { name: 'doc_id', type: 'string' },
  { name: 'source_id', type: 'string' },
  { name: 'source_type', type: 'string' },
  { name: 'url', type: 'string' },
  { name: 'title', type: 'string' },
  { name: 'text', type: 'string' },
  { name: 'published_at', type: 'string' },
  { name: 'timestamp', type: 'timestamp' },
  { name: 'author', type: 'string' },
  { name: 'topics', type: 'list' },
  { name: 'keywords', type: 'list' },
  { name: 'sentiment_score', type: 'double' },
  { name: 'sentiment_label', type: 'string' },
  { name: 'sentiment_confidence', type: 'double' },
  { name: 'aspect_names', type: 'list' },
  { name: 'aspects', type: 'json' },
  { name: 'speaker_type', type: 'string' },
  { name: 'speaker_confidence', type: 'double' },
  { name: 'cluster_id', type: 'string' },
  { name: 'redacted_contacts', type: 'int' },
  { name: 'flags', type: 'list' },
  { name: 'analysis_version', type: 'string' },
  { name: 'analyzed_at', type: 'string' },
];

export function documentRecord(doc: StoredDocument): DatasetRecord {
  return {
    doc_id: doc.docId,
    source_id: doc.sourceId,
    source_type: doc.sourceType,
    url: doc.url,
    title: doc.title,
    text: doc.text,
    published_at: doc.publishedAt,
    timestamp: doc['@timestamp'],
    author: doc.author,
    topics: doc.topics,
    keywords: doc.keywords,
    sentiment_score: doc.sentiment.score,
    sentiment_label: doc.sentiment.label,
    sentiment_confidence: doc.sentiment.confidence,
    aspect_names: (doc.aspects ?? []).map((a) => a.name),
    aspects: (doc.aspects ?? []).map((a) => ({ name: a.name, label: a.label, score: a.score, confidence: a.confidence, terms: a.terms })),
    speaker_type: doc.speaker?.type ?? 'other',
    speaker_confidence: doc.speaker?.confidence ?? 0,
    cluster_id: doc.clusterId,
    redacted_contacts: doc.redactions?.contacts ?? 0,
    flags: doc.flags ?? [],
    analysis_version: doc.analysisVersion,
    analyzed_at: doc.analyzedAt,
  };
}

export function documentDataset(docs: AsyncIterable<StoredDocument>, meta: Record<string, string>): Dataset {
  return {
    name: 'documents',
    columns: documentColumns,
    meta,
    records: (async function* () {
      for await (const doc of docs) yield documentRecord(doc);
    })(),
  };
}
