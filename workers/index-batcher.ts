/**
 * Micro-batching for the index stage: each index job submits its one document and waits; documents are flushed to
 * Elasticsearch as one bulk request when the batch is full (count or bytes) or has lingered long enough. Each job then
 * succeeds or fails on its own document's result, so one rejected document never fails its neighbours.
 */
import type { AnalyzedDocument } from '../analysis/analyzed-document.js';

export interface BulkOutcome {
  indexed: number;
  failed: Array<{ docId: string; status: number; reason: string; retryable: boolean }>;
}

export interface IndexBatcherOptions {
  maxDocs: number;
  maxBytes: number;
  /** How long the first document of a batch waits for company. @default 100 */
  lingerMs?: number;
}

export class IndexItemError extends Error {
  readonly code = 'ES_ITEM_FAILED';
  readonly retryable: boolean;
  readonly context: { docId: string; status: number };
  constructor(docId: string, status: number, reason: string, retryable: boolean) {
    super(`Elasticsearch rejected document ${docId} (status ${status}): ${reason}`);
    this.name = 'IndexItemError';
    this.retryable = retryable;
    this.context = { docId, status };
  }
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

export class IndexBatcher {
  private pending = new Map<string, { doc: AnalyzedDocument; waiters: Waiter[] }>();
  private bytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing = new Set<Promise<void>>();

  constructor(
    private readonly bulk: (docs: AnalyzedDocument[]) => Promise<BulkOutcome>,
    private readonly options: IndexBatcherOptions,
  ) {}

  submit(doc: AnalyzedDocument): Promise<void> {
    return new Promise((resolve, reject) => {
      const entry = this.pending.get(doc.docId);
      // The same document twice in one batch (a redelivered job): index the newest copy once, answer both jobs.
      if (entry) {
        entry.doc = doc;
        entry.waiters.push({ resolve, reject });
      } else {
        this.pending.set(doc.docId, { doc, waiters: [{ resolve, reject }] });
        this.bytes += Buffer.byteLength(JSON.stringify(doc));
      }
      if (this.pending.size >= this.options.maxDocs || this.bytes >= this.options.maxBytes) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.lingerMs ?? 100);
    });
  }

  /** Sends what is pending now; resolves when every bulk request in flight has answered. */
  async drain(): Promise<void> {
    this.flush();
    await Promise.all([...this.flushing]);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.bytes = 0;
    const p = this.send(batch).finally(() => this.flushing.delete(p));
    this.flushing.add(p);
  }

  private async send(batch: Map<string, { doc: AnalyzedDocument; waiters: Waiter[] }>): Promise<void> {
    let outcome: BulkOutcome;
    try {
      outcome = await this.bulk([...batch.values()].map((e) => e.doc));
    } catch (error) {
      for (const e of batch.values()) for (const w of e.waiters) w.reject(error);
      return;
    }
    const failed = new Map(outcome.failed.map((f) => [f.docId, f]));
    for (const [docId, e] of batch) {
      const f = failed.get(docId);
      for (const w of e.waiters) {
        if (f) w.reject(new IndexItemError(docId, f.status, f.reason, f.retryable));
        else w.resolve();
      }
    }
  }
}
