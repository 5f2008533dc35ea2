/**
 * The filters analysts choose (time range, source, topic, aspect, label, speaker) → one Elasticsearch bool query.
 * Shared by trends, exports and alerts so "the same filter" means the same documents everywhere.
 */
import type { estypes } from '@elastic/elasticsearch';
import type { SentimentLabel, SpeakerType } from '../../analysis/analyzed-document.js';
import { parseInstant } from '../../analysis/trends/zoned-time.js';

export interface PostFilter {
  /** Inclusive start: ISO with offset, or a local date/time in `timezone`. */
  from?: string;
  /** Exclusive end, same forms. */
  to?: string;
  sourceId?: string | readonly string[];
  topic?: string;
  /** An aspect name (recruiting, refunds…): documents that mention it. */
  aspect?: string;
  /** Document sentiment label. */
  label?: SentimentLabel;
  /** Only these speaker types. */
  speakerTypes?: readonly SpeakerType[];
  /** Leave out seller advertising (the default of analyst views, applied by the CLI and report). */
  excludeSellerAds?: boolean;
}

export interface ResolvedRange {
  fromMs?: number;
  toMs?: number;
}

export function resolveRange(filter: Pick<PostFilter, 'from' | 'to'>, timezone: string): ResolvedRange {
  const range: ResolvedRange = {};
  if (filter.from !== undefined) range.fromMs = parseInstant(filter.from, timezone);
  if (filter.to !== undefined) range.toMs = parseInstant(filter.to, timezone);
  return range;
}

/** `range` overrides the filter's own from/to (trends widen it to see the previous period). */
export function buildPostQuery(filter: PostFilter, timezone: string, range = resolveRange(filter, timezone)): estypes.QueryDslQueryContainer {
  const must: estypes.QueryDslQueryContainer[] = [];
  const mustNot: estypes.QueryDslQueryContainer[] = [];
  if (range.fromMs !== undefined || range.toMs !== undefined) {
    must.push({ range: { '@timestamp': { gte: range.fromMs, lt: range.toMs, format: 'epoch_millis' } } });
  }
  if (typeof filter.sourceId === 'string') must.push({ term: { sourceId: filter.sourceId } });
  else if (filter.sourceId && filter.sourceId.length > 0) must.push({ terms: { sourceId: [...filter.sourceId] } });
  if (filter.topic) must.push({ term: { topics: filter.topic } });
  if (filter.aspect) must.push(aspectQuery(filter.aspect));
  if (filter.label) must.push({ term: { 'sentiment.label': filter.label } });
  if (filter.speakerTypes && filter.speakerTypes.length > 0) must.push({ terms: { 'speaker.type': [...filter.speakerTypes] } });
  if (filter.excludeSellerAds) mustNot.push({ term: { 'speaker.type': 'seller_ad' } });
  if (must.length === 0 && mustNot.length === 0) return { match_all: {} };
  return { bool: { filter: must, must_not: mustNot } };
}

export function aspectQuery(aspect: string): estypes.QueryDslQueryContainer {
  return { nested: { path: 'aspects', query: { term: { 'aspects.name': aspect } } } };
}
