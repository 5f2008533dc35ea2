/**
 * The whole flow on one screen: each stage's queue, the payload it carries (parsed at every queue boundary), and the
 * stage that follows. Processors never name their successor; they ask this table.
 */
import { z } from 'zod';
import { RawDocument } from '../crawlers/raw-document.js';
import { AnalyzedDocument } from '../analysis/analyzed-document.js';

/** A crawl run of one configured source (also what a source's job scheduler produces). */
export const CrawlJob = z.object({
  sourceId: z.string().min(1),
  /** Sources file to read the source from (absolute, read on the worker's machine); the worker's default when absent. */
  sourcesFile: z.string().optional(),
  /** workers/source-hash of the source as `pulse crawl` read it; a worker reading another config refuses (SOURCE_MISMATCH). */
  sourceHash: z.string().optional(),
  /** Set by the demo and tests: base URL that replaces `{{baseUrl}}` in the source's URLs. */
  baseUrl: z.string().url().optional(),
});
export type CrawlJob = z.infer<typeof CrawlJob>;

/** One analyzed document waiting to be indexed; the index worker batches these itself. */
export const IndexJob = AnalyzedDocument;
export type IndexJob = AnalyzedDocument;

export const stages = {
  crawl: { queue: 'crawl', payload: CrawlJob, next: 'analyze' },
  analyze: { queue: 'analyze', payload: RawDocument, next: 'index' },
  index: { queue: 'index', payload: IndexJob, next: null },
} as const;

export type StageName = keyof typeof stages;

/** The periodic alert pass (bursts, crawler health): a job scheduler, not a pipeline stage. */
export const alertsQueue = 'alerts';
export const alertsSchedulerId = 'pulse-alerts';

/** What a worker process can serve: the pipeline stages, and the alert pass. */
export type WorkerRole = StageName | 'alerts';
export const workerRoles: readonly WorkerRole[] = ['crawl', 'analyze', 'index', 'alerts'];

/** Failed-for-good jobs of every stage land here with their reason and context (see dead-letters.ts). */
export const deadLetterQueue = 'dead-letters';

/**
 * Job ids derive from the document id (and its content hash for analyze), so re-enqueueing a known document is a
 * no-op while the earlier job is stored; ':' is not allowed in BullMQ ids.
 */
export const analyzeJobId = (doc: Pick<RawDocument, 'docId' | 'contentHash'>): string => `a-${doc.docId}-${doc.contentHash.slice(0, 12)}`;
export const indexJobId = (doc: Pick<AnalyzedDocument, 'docId' | 'contentHash' | 'analysisVersion'>): string =>
  `i-${doc.docId}-${doc.contentHash.slice(0, 12)}`;
