/**
 * Trend rows from Elasticsearch aggregations: volume, distinct voices, mean sentiment, negative share, top keywords
 * and analysis versions per hour/day/week in the given time zone, optionally per source, topic or aspect, each row
 * with its change against the previous period (the period before `from` is fetched so the first row has one too).
 */
import type { Client, estypes } from '@elastic/elasticsearch';
import { AspectName } from '../../analysis/analyzed-document.js';
import type { TrendGroupBy, TrendInterval, TrendRow } from '../../analysis/trends/trend-row.js';
import { withPeriodChanges } from '../../analysis/trends/period-change.js';
import { addPeriods, isValidTimeZone, startOfPeriod } from '../../analysis/trends/zoned-time.js';
import type { PulseConfig } from '../config/config-fields.js';
import { postsIndexNames } from './posts-index.js';
import { aspectQuery, buildPostQuery, resolveRange, type PostFilter, type ResolvedRange } from './post-filter.js';
import { QueryError } from './query-error.js';
import { parseSeries, seriesAggregation } from './trend-aggregation.js';
import { translateEsError } from './translate-es-error.js';

export interface TrendQueryOptions extends PostFilter {
  interval: TrendInterval;
  timezone: string;
  /** One series per source, topic or aspect instead of one overall series. */
  groupBy?: TrendGroupBy;
  /** Most frequent groups kept for source/topic grouping. @default 10 */
  groups?: number;
  /** Keywords per period. @default 8 */
  topKeywords?: number;
}

type TrendConfig = Pick<PulseConfig, 'indexPrefix' | 'elasticsearchUrl'>;

export async function queryTrends(client: Client, config: TrendConfig, options: TrendQueryOptions): Promise<TrendRow[]> {
  const { interval, timezone } = options;
  if (!isValidTimeZone(timezone)) {
    throw new QueryError('INVALID_TIME_ZONE', `unknown time zone "${timezone}" (use an IANA name such as Asia/Shanghai)`, { timezone });
  }
  const range = resolveTrendRange(options);
  // Look one full period back so the first requested period has a previous one to compare with.
  const lookback: ResolvedRange = { ...range };
  if (range.fromMs !== undefined) lookback.fromMs = addPeriods(range.fromMs, interval, -1, timezone);
  const bounds: { min?: number; max?: number } = {};
  if (lookback.fromMs !== undefined) bounds.min = lookback.fromMs;
  if (range.toMs !== undefined) bounds.max = range.toMs - 1;
  const series = (aspect?: string): estypes.AggregationsAggregationContainer =>
    seriesAggregation({ interval, timezone, boundsMs: bounds, topKeywords: options.topKeywords, ...(aspect ? { aspect } : {}) });

  const aggs = buildAggs(options, series);
  let response: estypes.SearchResponse;
  try {
    response = await client.search({
      index: postsIndexNames(config.indexPrefix).alias,
      size: 0,
      track_total_hits: false,
      query: buildPostQuery(options, timezone, lookback),
      aggs,
    });
  } catch (error) {
    throw translateEsError(error, config.elasticsearchUrl, `querying ${interval} trends`);
  }
  const rows = withPeriodChanges(parseAggs(response.aggregations ?? {}, options));
  if (range.fromMs === undefined) return rows;
  const firstPeriod = startOfPeriod(range.fromMs, interval, timezone);
  return rows.filter((r) => Date.parse(r.period) >= firstPeriod);
}

function resolveTrendRange(options: TrendQueryOptions): ResolvedRange {
  try {
    const range = resolveRange(options, options.timezone);
    if (range.fromMs !== undefined && range.toMs !== undefined && range.fromMs >= range.toMs) {
      throw new RangeError(`"from" (${options.from}) must be before "to" (${options.to})`);
    }
    return range;
  } catch (error) {
    throw new QueryError('INVALID_TIME_RANGE', (error as Error).message, { from: options.from, to: options.to });
  }
}

type SeriesFactory = (aspect?: string) => estypes.AggregationsAggregationContainer;

function buildAggs(options: TrendQueryOptions, series: SeriesFactory): Record<string, estypes.AggregationsAggregationContainer> {
  const size = options.groups ?? 10;
  switch (options.groupBy) {
    case undefined:
      return { series: series(options.aspect) };
    case 'source':
      return { groups: { terms: { field: 'sourceId', size }, aggs: { series: series(options.aspect) } } };
    case 'topic':
      return { groups: { terms: { field: 'topics', size }, aggs: { series: series(options.aspect) } } };
    case 'aspect': {
      const names = options.aspect ? [options.aspect] : AspectName.options;
      return Object.fromEntries(names.map((name) => [`aspect_${name}`, { filter: aspectQuery(name), aggs: { series: series(name) } }]));
    }
  }
}

function parseAggs(aggs: Record<string, unknown>, options: TrendQueryOptions): TrendRow[] {
  const meta = { interval: options.interval, timezone: options.timezone };
  const get = (o: unknown, key: string): unknown => (o as Record<string, unknown> | undefined)?.[key];
  switch (options.groupBy) {
    case undefined:
      return parseSeries(aggs['series'], { ...meta, ...(options.aspect ? { aspect: options.aspect } : {}) });
    case 'source':
    case 'topic': {
      const buckets = (get(aggs['groups'], 'buckets') ?? []) as Array<{ key: string; series: unknown }>;
      return buckets.flatMap((b) =>
        parseSeries(b.series, { ...meta, groupBy: options.groupBy, group: String(b.key), ...(options.aspect ? { aspect: options.aspect } : {}) }),
      );
    }
    case 'aspect':
      return Object.entries(aggs)
        .filter(([key, agg]) => key.startsWith('aspect_') && ((get(agg, 'doc_count') as number | undefined) ?? 0) > 0)
        .flatMap(([key, agg]) => {
          const name = key.slice('aspect_'.length);
          return parseSeries(get(agg, 'series'), { ...meta, groupBy: 'aspect', group: name, aspect: name });
        });
  }
}
