/**
 * Bulk-indexes AnalyzedDocuments into the posts alias with `_id = docId` (re-running overwrites, never duplicates),
 * in batches bounded by count and bytes. Returns every document that did not make it, with its reason: nothing is
 * dropped silently. Per-item 429/5xx are retried here first; a whole-request failure throws a typed ServiceError.
 */
import type { Client } from '@elastic/elasticsearch';
import type { AnalyzedDocument } from '../../analysis/analyzed-document.js';
import type { PulseConfig } from '../config/config-fields.js';
import type { Logger } from '../logger.js';
import { postsIndexNames } from './posts-index.js';
import { toPostSource } from './post-source.js';
import { translateEsError } from './translate-es-error.js';
import { ensureIndex } from './ensure-index.js';

export interface IndexFailure {
  docId: string;
  /** HTTP status of the item (0 when the document could not even be serialized). */
  status: number;
  /** ES error type and reason, e.g. "document_parsing_exception: [sentiment.score] failed to parse…". */
  reason: string;
  /** 429/5xx: worth another attempt later. Mapping errors are not. */
  retryable: boolean;
}

export interface IndexResult {
  indexed: number;
  failed: IndexFailure[];
}

export interface IndexDocumentsOptions {
  logger?: Logger;
  /** Make the documents searchable before returning (tests, demo). @default false */
  refresh?: boolean | 'wait_for';
  /** Bulk requests in flight at once. @default 2 */
  concurrency?: number;
  /** Extra attempts for items that failed with 429/5xx. @default 2 */
  retries?: number;
  /** First back-off before retrying items; doubles each attempt. @default 200 */
  retryDelayMs?: number;
  /** Override the target (default: the posts alias of config.indexPrefix), e.g. a migration's new index. */
  index?: string;
}

type IndexConfig = Pick<PulseConfig, 'indexPrefix' | 'elasticsearchUrl' | 'indexBatchSize' | 'indexBatchBytes'>;

interface Entry {
  docId: string;
  lines: [string, string];
  bytes: number;
}

export async function indexDocuments(
  client: Client,
  config: IndexConfig,
  docs: readonly AnalyzedDocument[],
  options: IndexDocumentsOptions = {},
): Promise<IndexResult> {
  const target = options.index ?? postsIndexNames(config.indexPrefix).alias;
  const indexedAt = new Date().toISOString();
  const failed: IndexFailure[] = [];
  let pending: Entry[] = [];
  for (const doc of docs) {
    try {
      const action = JSON.stringify({ index: { _index: target, _id: doc.docId } });
      const source = JSON.stringify(toPostSource(doc, indexedAt));
      pending.push({ docId: doc.docId, lines: [action, source], bytes: Buffer.byteLength(action) + Buffer.byteLength(source) + 2 });
    } catch (error) {
      failed.push({ docId: doc.docId, status: 0, reason: `not serializable: ${(error as Error).message}`, retryable: false });
    }
  }
  let indexed = 0;
  const retries = options.retries ?? 2;
  let setUp = false;
  for (let attempt = 0; pending.length > 0; attempt++) {
    const outcome = await sendAll(client, config, pending, { ...options, requireAlias: options.index === undefined });
    indexed += outcome.indexed;
    // The alias is missing (no `pulse index setup` yet): create the versioned index behind it once and resend, rather
    // than letting Elasticsearch auto-create a concrete index with guessed mappings under the alias's name.
    const missing = outcome.failed.filter((f) => f.missingAlias);
    if (missing.length > 0 && !setUp && options.index === undefined) {
      setUp = true;
      await ensureIndex(client, config);
      options.logger?.info({ alias: target }, 'created the posts index on first use');
      failed.push(...outcome.failed.filter((f) => !f.missingAlias).filter((f) => !f.failure.retryable).map((f) => f.failure));
      pending = [...missing, ...outcome.failed.filter((f) => !f.missingAlias && f.failure.retryable)].map((f) => f.entry);
      attempt--;
      continue;
    }
    const retryable = outcome.failed.filter((f) => f.failure.retryable);
    failed.push(...outcome.failed.filter((f) => !f.failure.retryable).map((f) => f.failure));
    if (attempt >= retries || retryable.length === 0) {
      failed.push(...retryable.map((f) => f.failure));
      break;
    }
    options.logger?.warn({ count: retryable.length, attempt: attempt + 1 }, 'retrying documents Elasticsearch rejected as overloaded');
    await sleep((options.retryDelayMs ?? 200) * 2 ** attempt);
    pending = retryable.map((f) => f.entry);
  }
  if (failed.length > 0) {
    options.logger?.warn({ failed: failed.length, first: failed[0] }, 'documents failed to index; returned to the caller for dead-lettering');
  }
  return { indexed, failed };
}

interface BatchOutcome {
  indexed: number;
  failed: Array<{ entry: Entry; failure: IndexFailure; missingAlias?: boolean }>;
}

type SendOptions = IndexDocumentsOptions & { requireAlias: boolean };

async function sendAll(client: Client, config: IndexConfig, entries: Entry[], options: SendOptions): Promise<BatchOutcome> {
  const batches = splitBatches(entries, config.indexBatchSize, config.indexBatchBytes);
  const total: BatchOutcome = { indexed: 0, failed: [] };
  let next = 0;
  const lanes = Math.max(1, Math.min(options.concurrency ?? 2, batches.length));
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        const outcome = await sendBatch(client, config, batch, options);
        total.indexed += outcome.indexed;
        total.failed.push(...outcome.failed);
      }
    }),
  );
  return total;
}

/** Greedy split: a batch closes when it reaches the count or would pass the byte limit (one huge doc goes alone). */
export function splitBatches<T extends { bytes: number }>(entries: readonly T[], maxCount: number, maxBytes: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const entry of entries) {
    if (current.length > 0 && (current.length >= maxCount || bytes + entry.bytes > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += entry.bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

interface BulkItemResult {
  _id?: string;
  status: number;
  error?: { type?: string; reason?: string; caused_by?: { type?: string; reason?: string } };
}

async function sendBatch(client: Client, config: IndexConfig, batch: Entry[], options: SendOptions): Promise<BatchOutcome> {
  let response: { errors: boolean; items?: Array<Record<string, BulkItemResult>> };
  try {
    response = (await client.bulk<string>({
      operations: batch.flatMap((e) => e.lines),
      refresh: options.refresh ?? false,
      require_alias: options.requireAlias,
      filter_path: ['errors', 'items.*.status', 'items.*.error'],
    })) as typeof response;
  } catch (error) {
    throw translateEsError(error, config.elasticsearchUrl, `bulk indexing ${batch.length} documents`);
  }
  if (!response.errors) return { indexed: batch.length, failed: [] };
  const outcome: BatchOutcome = { indexed: 0, failed: [] };
  batch.forEach((entry, i) => {
    const item = response.items?.[i];
    const result = item ? Object.values(item)[0] : undefined;
    if (result && result.status < 300) {
      outcome.indexed++;
      return;
    }
    const status = result?.status ?? 0;
    outcome.failed.push({
      entry,
      failure: { docId: entry.docId, status, reason: describeItemError(result), retryable: status === 429 || status >= 500 },
      missingAlias: status === 404 && result?.error?.type === 'index_not_found_exception',
    });
  });
  return outcome;
}

function describeItemError(result: BulkItemResult | undefined): string {
  if (!result) return 'no result for this item in the bulk response';
  const e = result.error;
  if (!e) return `HTTP ${result.status}`;
  const cause = e.caused_by ? ` (caused by ${e.caused_by.type ?? 'error'}: ${e.caused_by.reason ?? ''})` : '';
  return `${e.type ?? 'error'}: ${e.reason ?? ''}${cause}`.slice(0, 1000);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
