/**
 * analyze queue: RawDocument → AnalyzedDocument → index queue. Parses its payload (a job may come from an older
 * deploy), never lets one bad document kill the worker (the analyzer returns flagged results for junk text), and
 * derives the index job id from the document, so a redelivered job cannot index twice in effect.
 */
import type { Processor, Queue } from 'bullmq';
import { RawDocument } from '../../crawlers/raw-document.js';
import type { AnalyzedDocument } from '../../analysis/analyzed-document.js';
import { indexJobId, stages } from '../pipeline.js';

export interface AnalyzeDeps {
  analyze(doc: RawDocument): AnalyzedDocument;
  /** Assigns the copy-paste-wave cluster (shared across workers, so it lives in Redis). */
  assignCluster?(doc: AnalyzedDocument): Promise<string>;
  indexQueue: Queue;
}

export interface AnalyzeResult {
  docId: string;
  label: string;
  clusterId: string;
}

export function analyzeProcessor(deps: AnalyzeDeps): Processor<unknown, AnalyzeResult> {
  return async (job) => {
    const raw = RawDocument.parse(job.data);
    const analyzed = deps.analyze(raw);
    const clusterId = deps.assignCluster ? await deps.assignCluster(analyzed) : analyzed.clusterId;
    const doc: AnalyzedDocument = { ...analyzed, clusterId };
    await deps.indexQueue.add(stages.index.queue, doc, { jobId: indexJobId(doc) });
    return { docId: doc.docId, label: doc.sentiment.label, clusterId };
  };
}
