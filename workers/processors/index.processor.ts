/**
 * index queue: AnalyzedDocument → Elasticsearch (`_id = docId`, so re-indexing overwrites instead of duplicating).
 * Jobs are micro-batched into bulk requests by IndexBatcher; each job fails or succeeds on its own document.
 */
import type { Processor } from 'bullmq';
import { AnalyzedDocument } from '../../analysis/analyzed-document.js';
import type { IndexBatcher } from '../index-batcher.js';

export function indexProcessor(batcher: IndexBatcher): Processor<unknown, { docId: string }> {
  return async (job) => {
    const doc = AnalyzedDocument.parse(job.data);
    await batcher.submit(doc);
    return { docId: doc.docId };
  };
}
