/**
 * How many documents a view's filter leaves out as seller ads: one Elasticsearch count over the same filter with the
 * ad exclusion turned into "seller_ad only". Views print it (with how to include them), so hiding ads never hides
 * posts silently.
 */
import type { Client } from '@elastic/elasticsearch';
import type { PulseConfig } from '../config/config-fields.js';
import { buildPostQuery, type PostFilter, type ResolvedRange } from './post-filter.js';
import { postsIndexNames } from './posts-index.js';
import { translateEsError } from './translate-es-error.js';

/** The documents `filter` leaves out as seller ads, as a filter of their own; undefined when it leaves none out. */
export function sellerAdsLeftOutFilter(filter: PostFilter): PostFilter | undefined {
  if (!filter.excludeSellerAds) return undefined;
  return { ...filter, excludeSellerAds: false, speakerTypes: ['seller_ad'] };
}

/**
 * Seller ads the filter leaves out (over its own time range, or `range` when given); undefined when the filter keeps
 * them (--include-ads or an explicit speaker list).
 */
export async function countSellerAdsLeftOut(
  client: Client,
  config: Pick<PulseConfig, 'indexPrefix' | 'elasticsearchUrl'>,
  filter: PostFilter,
  timezone: string,
  range?: ResolvedRange,
): Promise<number | undefined> {
  const ads = sellerAdsLeftOutFilter(filter);
  if (!ads) return undefined;
  try {
    const { count } = await client.count({ index: postsIndexNames(config.indexPrefix).alias, query: buildPostQuery(ads, timezone, range) });
    return count;
  } catch (error) {
    throw translateEsError(error, config.elasticsearchUrl, 'counting the seller ads a view leaves out');
  }
}
