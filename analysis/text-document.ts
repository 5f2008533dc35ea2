/**
 * A bare text (and optional title) as the RawDocument the pipeline would carry: what `pulse analyze` analyzes for an
 * input line, and what `npm run eval:sentiment` analyzes for a labelled row, so both report the same sentiment.
 * The id derives from the content, so the same text always gets the same id (and provisional cluster).
 */
import { createHash } from 'node:crypto';
import type { RawDocument } from '../crawlers/raw-document.js';
import type { Analyzer } from './create-analyzer.js';
import type { Sentiment } from './analyzed-document.js';

export interface TextRecord {
  text: string;
  title: string;
}

export function textDocument(record: TextRecord, fetchedAt: string): RawDocument {
  const docId = createHash('sha1').update(`${record.title}\n${record.text}`).digest('hex');
  return {
    docId,
    sourceId: 'cli',
    url: `urn:pulse:cli:${docId}`,
    title: record.title,
    body: record.text,
    publishedAt: null,
    author: null,
    fetchedAt,
    contentHash: docId,
    topics: [],
    sourceType: 'html',
  };
}

/** The document-level sentiment `pulse analyze` prints for an untitled line holding `text`. */
export function sentimentOfText(analyzer: Analyzer, text: string, now: Date = new Date()): Sentiment {
  return analyzer.analyze(textDocument({ text, title: '' }, now.toISOString()), now).sentiment;
}
