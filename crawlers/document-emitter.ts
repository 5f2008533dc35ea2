/**
 * Hands documents to the sink in batches and keeps the seen-set honest: a document whose content hash equals the
 * stored one is counted `unchanged` and not emitted; entries are written only after the sink accepted the batch,
 * so a failed hand-off is retried by the next run. A sink failure throws SINK_FAILED (the run must stop).
 */
import type { RawDocument } from './raw-document.js';
import type { SeenEntry, SeenSet } from './seen-set.js';
import type { CrawlSummary } from './crawl-summary.js';
import { CrawlError } from './errors.js';

export interface EmitterOptions {
  sourceId: string;
  seenSet: SeenSet;
  sink: (docs: RawDocument[]) => Promise<void>;
  batchSize: number;
  summary: CrawlSummary;
  now: () => Date;
}

export class DocumentEmitter {
  private pending: RawDocument[] = [];
  private pendingSeen: Array<{ url: string; entry: SeenEntry }> = [];
  private readonly offered = new Set<string>();

  constructor(private readonly o: EmitterOptions) {}

  /** Offers one document; returns false when it was not emitted (already offered this run, or unchanged). */
  async offer(doc: RawDocument, marker?: string): Promise<boolean> {
    if (this.offered.has(doc.docId)) return false;
    this.offered.add(doc.docId);
    const [entry] = await this.o.seenSet.getMany(this.o.sourceId, [doc.url]);
    const seenAt = this.o.now().toISOString();
    if (entry && entry.contentHash === doc.contentHash) {
      this.o.summary.skipped.unchanged++;
      if (marker !== undefined && entry.marker !== marker) await this.o.seenSet.putMany(this.o.sourceId, [{ url: doc.url, entry: { ...entry, marker, seenAt } }]);
      return false;
    }
    this.pending.push(doc);
    this.pendingSeen.push({ url: doc.url, entry: { contentHash: doc.contentHash, marker, seenAt } });
    if (this.pending.length >= this.o.batchSize) await this.flush();
    return true;
  }

  /** A fetched page that gave no document (off-topic, empty) is remembered so it is not fetched on every run. */
  async rememberWithoutDocument(url: string, marker?: string): Promise<void> {
    await this.o.seenSet.putMany(this.o.sourceId, [{ url, entry: { contentHash: '', marker, seenAt: this.o.now().toISOString() } }]);
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const docs = this.pending.splice(0);
    const seen = this.pendingSeen.splice(0);
    try {
      await this.o.sink(docs);
    } catch (error) {
      throw new CrawlError('SINK_FAILED', `could not hand ${docs.length} documents on: ${(error as Error).message}`, { sourceId: this.o.sourceId }, { cause: error });
    }
    this.o.summary.documentsEmitted += docs.length;
    await this.o.seenSet.putMany(this.o.sourceId, seen);
  }
}
