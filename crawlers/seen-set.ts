/**
 * What a crawl remembers between runs, per source and canonical URL: the content hash of the last emitted version
 * and a change marker (sitemap lastmod, feed date). Implemented in memory here and in Redis by infra/redis.
 */
export interface SeenEntry {
  /** contentHash of the last version handed to the sink ('' when the page gave no document, e.g. off-topic). */
  contentHash: string;
  /** Source-provided change marker (sitemap lastmod, feed/API update time), if any. */
  marker?: string | undefined;
  /** ISO time the entry was written. */
  seenAt: string;
}

export interface SeenSet {
  /** Entries for the given canonical URLs of a source, in the same order (null = never seen). */
  getMany(sourceId: string, urls: readonly string[]): Promise<Array<SeenEntry | null>>;
  /** Records entries; called only after the sink accepted the documents, so a failed hand-off is retried next run. */
  putMany(sourceId: string, entries: ReadonlyArray<{ url: string; entry: SeenEntry }>): Promise<void>;
  /** Forgets a source (tests, or `pulse crawl --full`). */
  clear(sourceId: string): Promise<void>;
}

/** For unit tests and one-off runs: nothing survives the process. */
export class MemorySeenSet implements SeenSet {
  private readonly bySource = new Map<string, Map<string, SeenEntry>>();

  async getMany(sourceId: string, urls: readonly string[]): Promise<Array<SeenEntry | null>> {
    const map = this.bySource.get(sourceId);
    return urls.map((u) => map?.get(u) ?? null);
  }

  async putMany(sourceId: string, entries: ReadonlyArray<{ url: string; entry: SeenEntry }>): Promise<void> {
    let map = this.bySource.get(sourceId);
    if (!map) this.bySource.set(sourceId, (map = new Map()));
    for (const { url, entry } of entries) map.set(url, entry);
  }

  async clear(sourceId: string): Promise<void> {
    this.bySource.delete(sourceId);
  }

  size(sourceId: string): number {
    return this.bySource.get(sourceId)?.size ?? 0;
  }
}
