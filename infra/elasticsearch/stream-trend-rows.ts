/**
 * Trend rows for exports, streamed: a composite aggregation (group × period) paged with after_key, so any number of
 * sources or periods fits in bounded memory. Composite buckets skip empty periods; each group's series is completed
 * with empty rows (analysis/trends/fill-series) before computing the change against the previous period.
 */
import type { Client, estypes } from '@elastic/elasticsearch';
import { AspectName } from '../../analysis/analyzed-document.js';
import { fillSeries } from '../../analysis/trends/fill-series.js';
import { withPeriodChanges } from '../../analysis/trends/period-change.js';
import type { TrendRow } from '../../analysis/trends/trend-row.js';
import { addPeriods, isValidTimeZone, startOfPeriod } from '../../analysis/trends/zoned-time.js';
import type { PulseConfig } from '../config/config-fields.js';
import { aspectQuery, buildPostQuery, resolveRange, type ResolvedRange } from './post-filter.js';
import { postsIndexNames } from './posts-index.js';
import { QueryError } from './query-error.js';
import type { TrendQueryOptions } from './query-trends.js';
import { parsePeriodBucket, periodMetricAggs, type SeriesMeta } from './trend-aggregation.js';
import { translateEsError } from './translate-es-error.js';

export interface TrendStreamOptions extends TrendQueryOptions {
  /** Composite buckets per request. @default 500 */
  pageSize?: number;
}

type StreamConfig = Pick<PulseConfig, 'indexPrefix' | 'elasticsearchUrl'>;

export async function* streamTrendRows(client: Client, config: StreamConfig, options: TrendStreamOptions): AsyncGenerator<TrendRow> {
  if (!isValidTimeZone(options.timezone)) throw new QueryError('INVALID_TIME_ZONE', `unknown time zone "${options.timezone}"`, { timezone: options.timezone });
  let range: ResolvedRange;
  try {
    range = resolveRange(options, options.timezone);
  } catch (error) {
    throw new QueryError('INVALID_TIME_RANGE', (error as Error).message, { from: options.from, to: options.to });
  }
  const lookback: ResolvedRange = { ...range };
  if (range.fromMs !== undefined) lookback.fromMs = addPeriods(range.fromMs, options.interval, -1, options.timezone);
  const passes =
    options.groupBy === 'aspect'
      ? (options.aspect ? [options.aspect] : AspectName.options).map((name) => ({ aspect: name, groupField: undefined, group: name }))
      : [{ aspect: options.aspect, groupField: groupField(options.groupBy), group: undefined }];
  for (const pass of passes) {
    const query = buildPostQuery(options, options.timezone, lookback);
    const passQuery: estypes.QueryDslQueryContainer = options.groupBy === 'aspect' ? { bool: { filter: [query, aspectQuery(pass.group!)] } } : query;
    let current: { key: string | undefined; rows: TrendRow[] } | undefined;
    for await (const { groupKey, periodMs, bucket } of compositeBuckets(client, config, options, passQuery, pass.groupField, pass.aspect)) {
      const group = pass.group ?? groupKey;
      if (current && current.key !== group) yield* finish(current.rows, options, range, lookback);
      if (!current || current.key !== group) current = { key: group, rows: [] };
      const meta: SeriesMeta = { interval: options.interval, timezone: options.timezone, ...(pass.aspect ? { aspect: pass.aspect } : {}) };
      if (options.groupBy) Object.assign(meta, { groupBy: options.groupBy, group: group ?? '' });
      current.rows.push(parsePeriodBucket(bucket, periodMs, meta));
    }
    if (current) yield* finish(current.rows, options, range, lookback);
  }
}

function groupField(groupBy: TrendQueryOptions['groupBy']): string | undefined {
  return groupBy === 'source' ? 'sourceId' : groupBy === 'topic' ? 'topics' : undefined;
}

async function* compositeBuckets(
  client: Client,
  config: StreamConfig,
  options: TrendStreamOptions,
  query: estypes.QueryDslQueryContainer,
  field: string | undefined,
  aspect: string | undefined,
): AsyncGenerator<{ groupKey: string | undefined; periodMs: number; bucket: unknown }> {
  const sources: Array<Record<string, estypes.AggregationsCompositeAggregationSource>> = [];
  if (field) sources.push({ group: { terms: { field } } });
  sources.push({ period: { date_histogram: { field: '@timestamp', calendar_interval: options.interval, time_zone: options.timezone } } });
  let after: Record<string, string | number | null> | undefined;
  for (;;) {
    let res: estypes.SearchResponse;
    try {
      res = await client.search({
        index: postsIndexNames(config.indexPrefix).alias,
        size: 0,
        track_total_hits: false,
        query,
        aggs: {
          rows: {
            composite: { size: options.pageSize ?? 500, sources, ...(after ? { after } : {}) },
            aggs: periodMetricAggs({ aspect, topKeywords: options.topKeywords }),
          },
        },
      });
    } catch (error) {
      throw translateEsError(error, config.elasticsearchUrl, `exporting ${options.interval} trends`);
    }
    const agg = res.aggregations?.['rows'] as { buckets: Array<{ key: Record<string, string | number> }>; after_key?: Record<string, string | number | null> } | undefined;
    const buckets = agg?.buckets ?? [];
    for (const bucket of buckets) {
      yield { groupKey: field ? String(bucket.key['group']) : undefined, periodMs: Number(bucket.key['period']), bucket };
    }
    if (buckets.length === 0 || !agg?.after_key) return;
    after = agg.after_key;
  }
}

function* finish(rows: TrendRow[], options: TrendStreamOptions, range: ResolvedRange, lookback: ResolvedRange): Generator<TrendRow> {
  const first = rows[0];
  if (!first) return;
  const starts = rows.map((r) => Date.parse(r.period));
  const fromMs = lookback.fromMs ?? Math.min(...starts);
  const toMs = range.toMs ?? Math.max(...starts) + 1;
  const filled = fillSeries(rows, { interval: options.interval, timezone: options.timezone, fromMs, toMs }, first);
  const firstPeriod = range.fromMs === undefined ? -Infinity : startOfPeriod(range.fromMs, options.interval, options.timezone);
  for (const row of withPeriodChanges(filled)) if (Date.parse(row.period) >= firstPeriod) yield row;
}
