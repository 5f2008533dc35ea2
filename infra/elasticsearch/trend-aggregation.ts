/**
 * The aggregation behind one trend series (date_histogram in the zone + voices, sentiment, negative share, keywords,
 * analysis versions; with an aspect, that aspect's own nested sentiment) and the parser of its buckets into TrendRows.
 */
import type { estypes } from '@elastic/elasticsearch';
import type { TrendInterval, TrendRow } from '../../analysis/trends/trend-row.js';
import { formatZoned } from '../../analysis/trends/zoned-time.js';

export interface SeriesAggOptions {
  interval: TrendInterval;
  timezone: string;
  /** Extended bounds so empty periods appear (epoch ms). */
  boundsMs?: { min?: number; max?: number };
  /** Use this aspect's own sentiment for meanSentiment / negativeShare. */
  aspect?: string;
  topKeywords?: number;
}

export function seriesAggregation(options: SeriesAggOptions): estypes.AggregationsAggregationContainer {
  const histogram: estypes.AggregationsDateHistogramAggregation = {
    field: '@timestamp',
    calendar_interval: options.interval,
    time_zone: options.timezone,
    min_doc_count: 0,
  };
  const { min, max } = options.boundsMs ?? {};
  if (min !== undefined && max !== undefined) histogram.extended_bounds = { min, max };
  return { date_histogram: histogram, aggs: periodMetricAggs(options) };
}

/** The figures computed inside each period bucket (shared by the date_histogram and the composite export). */
export function periodMetricAggs(options: Pick<SeriesAggOptions, 'aspect' | 'topKeywords'>): Record<string, estypes.AggregationsAggregationContainer> {
  const aggs: Record<string, estypes.AggregationsAggregationContainer> = {
    voices: { cardinality: { field: 'clusterId', precision_threshold: 3000 } },
    sentiment: { avg: { field: 'sentiment.score' } },
    negative: { filter: { term: { 'sentiment.label': 'neg' } } },
    keywords: { terms: { field: 'keywords', size: options.topKeywords ?? 8 } },
    versions: { terms: { field: 'analysisVersion', size: 20 } },
  };
  if (options.aspect) {
    aggs['aspect'] = {
      nested: { path: 'aspects' },
      aggs: {
        only: {
          filter: { term: { 'aspects.name': options.aspect } },
          aggs: { score: { avg: { field: 'aspects.score' } }, negative: { filter: { term: { 'aspects.label': 'neg' } } } },
        },
      },
    };
  }
  return aggs;
}

interface CountBucket {
  key: string | number;
  doc_count: number;
}

interface PeriodBucket {
  key: number;
  doc_count: number;
  voices?: { value: number };
  sentiment?: { value: number | null };
  negative?: { doc_count: number };
  keywords?: { buckets: CountBucket[] };
  versions?: { buckets: CountBucket[] };
  aspect?: { only?: { doc_count: number; score?: { value: number | null }; negative?: { doc_count: number } } };
}

export interface SeriesMeta {
  interval: TrendInterval;
  timezone: string;
  groupBy?: TrendRow['groupBy'];
  group?: string;
  aspect?: string;
}

/** Buckets of `seriesAggregation` → rows without `change` (filled by analysis/trends/period-change). */
export function parseSeries(aggregate: unknown, meta: SeriesMeta): TrendRow[] {
  const buckets = ((aggregate as { buckets?: PeriodBucket[] } | undefined)?.buckets ?? []) as PeriodBucket[];
  return buckets.map((b) => parsePeriodBucket(b, b.key, meta));
}

/** One bucket holding `periodMetricAggs` → a row; `periodStartMs` is where the period begins. */
export function parsePeriodBucket(bucket: unknown, periodStartMs: number, meta: SeriesMeta): TrendRow {
  const b = bucket as PeriodBucket;
  const only = b.aspect?.only;
  const aspectBasis = meta.aspect !== undefined;
  const meanSentiment = aspectBasis ? (only?.score?.value ?? null) : (b.sentiment?.value ?? null);
  const denominator = aspectBasis ? (only?.doc_count ?? 0) : b.doc_count;
  const negatives = aspectBasis ? (only?.negative?.doc_count ?? 0) : (b.negative?.doc_count ?? 0);
  const row: TrendRow = {
    period: formatZoned(periodStartMs, meta.timezone),
    interval: meta.interval,
    timezone: meta.timezone,
    volume: b.doc_count,
    distinctVoices: b.voices?.value ?? 0,
    meanSentiment: b.doc_count === 0 ? null : meanSentiment,
    negativeShare: denominator === 0 ? null : negatives / denominator,
    sentimentBasis: aspectBasis ? 'aspect' : 'document',
    topKeywords: (b.keywords?.buckets ?? []).map((k) => ({ keyword: String(k.key), count: k.doc_count })),
    change: null,
    analysisVersions: (b.versions?.buckets ?? []).map((v) => String(v.key)).sort(),
  };
  if (meta.groupBy !== undefined) {
    row.groupBy = meta.groupBy;
    row.group = meta.group ?? '';
  }
  return row;
}
