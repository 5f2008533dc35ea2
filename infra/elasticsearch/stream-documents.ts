/**
 * Every document matching a filter, streamed in pages with a point-in-time + search_after (stable under concurrent
 * writes, no result-window limit), oldest first. Gives stored sources turned back into documents (tokens as arrays).
 */
import type { Client, estypes } from '@elastic/elasticsearch';
import type { PulseConfig } from '../config/config-fields.js';
import { buildPostQuery, type PostFilter } from './post-filter.js';
import { fromPostSource, type PostSource } from './post-source.js';
import { postsIndexNames } from './posts-index.js';
import { translateEsError } from './translate-es-error.js';

export interface StreamDocumentsOptions {
  timezone: string;
  pageSize?: number;
  /** Called once with the number of matching documents, before the first page. */
  onTotal?: (total: number) => void;
}

export type StoredDocument = ReturnType<typeof fromPostSource>;

type StreamConfig = Pick<PulseConfig, 'indexPrefix' | 'elasticsearchUrl'>;

export async function* streamDocuments(client: Client, config: StreamConfig, filter: PostFilter, options: StreamDocumentsOptions): AsyncGenerator<StoredDocument> {
  const index = postsIndexNames(config.indexPrefix).alias;
  const query = buildPostQuery(filter, options.timezone);
  let pitId: string;
  try {
    options.onTotal?.((await client.count({ index, query })).count);
    pitId = (await client.openPointInTime({ index, keep_alive: '2m' })).id;
  } catch (error) {
    throw translateEsError(error, config.elasticsearchUrl, 'opening a point in time for export');
  }
  let after: estypes.SortResults | undefined;
  try {
    for (;;) {
      let page: estypes.SearchResponse<PostSource>;
      try {
        page = await client.search<PostSource>({
          pit: { id: pitId, keep_alive: '2m' },
          size: options.pageSize ?? 1000,
          query,
          sort: [{ '@timestamp': 'asc' }, { docId: 'asc' }],
          track_total_hits: false,
          ...(after ? { search_after: after } : {}),
        });
      } catch (error) {
        throw translateEsError(error, config.elasticsearchUrl, 'exporting documents');
      }
      pitId = page.pit_id ?? pitId;
      const hits = page.hits.hits;
      for (const hit of hits) if (hit._source) yield fromPostSource(hit._source);
      if (hits.length === 0) return;
      after = hits[hits.length - 1]?.sort;
    }
  } finally {
    await client.closePointInTime({ id: pitId }).catch(() => undefined);
  }
}
