/**
 * The verdict of a fault scenario, read from the real stores: what Elasticsearch holds against the fixture's ground
 * truth (searchable, duplicates by url, lost, unexpected, clear author names) and what the queues still hold
 * (nothing may be waiting, active or delayed at the end). Never writes anything.
 */
import type { Client } from '@elastic/elasticsearch';
import type { PulseQueues } from '../../workers/queues.js';

export interface Tally {
  /** Documents the fixture published (all on-topic): what a complete crawl must deliver. */
  in: number;
  /** Documents in the posts alias. */
  searchable: number;
  /** Extra copies: documents beyond one per distinct url, plus urls stored under more than one docId. */
  duplicates: number;
  /** Fixture articles with no document. */
  lost: number;
  /** Documents whose url is not a fixture article (must be 0). */
  unexpected: number;
  /** Documents whose stored source contains a clear author name of the fixture (must be 0). */
  clearAuthors: number;
}

interface Hit {
  _id: string;
  _source?: Record<string, unknown> & { url?: string };
  sort?: unknown[];
}

/** Every stored document (id + source), paged with search_after in _id order. */
export async function allDocuments(es: Client, alias: string): Promise<Hit[]> {
  // Indexed is not yet searchable: without a refresh a loaded machine reads the index before its next periodic refresh.
  await es.indices.refresh({ index: alias });
  const out: Hit[] = [];
  let after: unknown[] | undefined;
  for (;;) {
    const res = await es.search({ index: alias, size: 1000, sort: [{ docId: 'asc' }], query: { match_all: {} }, ...(after ? { search_after: after as never } : {}) });
    const hits = res.hits.hits as Hit[];
    out.push(...hits);
    if (hits.length < 1000) return out;
    after = hits[hits.length - 1]!.sort;
  }
}

export async function searchableCount(es: Client, alias: string): Promise<number> {
  await es.indices.refresh({ index: alias });
  return (await es.count({ index: alias })).count;
}

export async function tallyDocuments(es: Client, alias: string, expectedUrls: readonly string[], clearAuthors: readonly string[]): Promise<Tally> {
  const searchable = await searchableCount(es, alias);
  const docs = await allDocuments(es, alias);
  const expected = new Set(expectedUrls);
  const perUrl = new Map<string, number>();
  let unexpected = 0;
  let withClearAuthor = 0;
  for (const d of docs) {
    const url = d._source?.url ?? '';
    perUrl.set(url, (perUrl.get(url) ?? 0) + 1);
    if (!expected.has(url)) unexpected++;
    const json = JSON.stringify(d._source);
    if (clearAuthors.some((name) => json.includes(name))) withClearAuthor++;
  }
  const duplicates = [...perUrl.values()].reduce((sum, n) => sum + (n - 1), 0) + (searchable - docs.length);
  const lost = [...expected].filter((u) => !perUrl.has(u)).length;
  return { in: expected.size, searchable, duplicates, lost, unexpected, clearAuthors: withClearAuthor };
}

export interface QueueState {
  crawl: Record<string, number>;
  analyze: Record<string, number>;
  index: Record<string, number>;
  dead: Record<string, number>;
}

const states = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed', 'completed'] as const;

export async function queueState(queues: PulseQueues): Promise<QueueState> {
  const [crawl, analyze, index, dead] = await Promise.all([queues.crawl, queues.analyze, queues.index, queues.dead].map((q) => q.getJobCounts(...states)));
  return { crawl: crawl!, analyze: analyze!, index: index!, dead: dead! };
}

/** Jobs neither finished nor failed, over the three pipeline stages (the "stuck" count once a run is over). */
export function unfinished(s: QueueState): number {
  let n = 0;
  for (const q of [s.crawl, s.analyze, s.index]) for (const k of ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']) n += q[k] ?? 0;
  return n;
}

export function formatTally(name: string, t: Tally): string {
  return `scenario ${name}: in ${t.in} / searchable ${t.searchable} / duplicates ${t.duplicates} / lost ${t.lost}`;
}
