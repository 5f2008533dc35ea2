/**
 * Copies every document of one index into another with point-in-time + search_after and bulk writes, keeping `_id`
 * and `_source` — the Node replacement for `_reindex`, which the local distribution lacks. Reports progress.
 */
import type { Client, estypes } from '@elastic/elasticsearch';

export interface CopyIndexOptions {
  /** Only documents matching this query (e.g. those indexed after a point in time). */
  query?: estypes.QueryDslQueryContainer;
  pageSize?: number;
  onProgress?: (copied: number, total: number) => void;
}

export interface CopyIndexResult {
  copied: number;
  failed: Array<{ id: string; status: number; reason: string }>;
}

export async function copyIndex(client: Client, source: string, target: string, options: CopyIndexOptions = {}): Promise<CopyIndexResult> {
  const query = options.query ?? { match_all: {} };
  const total = (await client.count({ index: source, query })).count;
  const pit = await client.openPointInTime({ index: source, keep_alive: '2m' });
  let pitId = pit.id;
  const result: CopyIndexResult = { copied: 0, failed: [] };
  let after: estypes.SortResults | undefined;
  try {
    for (;;) {
      const page = await client.search<Record<string, unknown>>({
        pit: { id: pitId, keep_alive: '2m' },
        size: options.pageSize ?? 1000,
        sort: [{ _shard_doc: 'asc' }],
        query,
        ...(after ? { search_after: after } : {}),
      });
      pitId = page.pit_id ?? pitId;
      const hits = page.hits.hits;
      if (hits.length === 0) break;
      const operations = hits.flatMap((h) => [{ index: { _index: target, _id: h._id } }, h._source ?? {}]);
      const res = await client.bulk({ operations, filter_path: ['errors', 'items.*.status', 'items.*.error', 'items.*._id'] });
      hits.forEach((h, i) => {
        const item = res.items?.[i] ? Object.values(res.items[i]!)[0] : undefined;
        if (item && item.status < 300) result.copied++;
        else result.failed.push({ id: h._id ?? '', status: item?.status ?? 0, reason: `${item?.error?.type ?? 'error'}: ${item?.error?.reason ?? ''}` });
      });
      options.onProgress?.(result.copied + result.failed.length, total);
      after = hits[hits.length - 1]?.sort;
    }
  } finally {
    await client.closePointInTime({ id: pitId }).catch(() => undefined);
  }
  return result;
}
