/**
 * Whole-range figures for the report (and any summary view): totals, each aspect's own negative share (nested),
 * top keywords, top sources with their sentiment, speaker mix, and the time span of the data.
 */
import type { Client, estypes } from '@elastic/elasticsearch';
import type { KeywordCount } from '../../analysis/trends/trend-row.js';
import type { PulseConfig } from '../config/config-fields.js';
import { buildPostQuery, type PostFilter } from './post-filter.js';
import { postsIndexNames } from './posts-index.js';
import { translateEsError } from './translate-es-error.js';

export interface AspectFigures {
  name: string;
  mentions: number;
  negativeShare: number | null;
  meanSentiment: number | null;
}

export interface SourceFigures {
  sourceId: string;
  volume: number;
  meanSentiment: number | null;
  negativeShare: number | null;
}

export interface Overview {
  volume: number;
  distinctVoices: number;
  meanSentiment: number | null;
  negativeShare: number | null;
  firstAt: string | null;
  lastAt: string | null;
  aspects: AspectFigures[];
  keywords: KeywordCount[];
  sources: SourceFigures[];
  speakers: Array<{ type: string; count: number }>;
  analysisVersions: string[];
}

type OverviewConfig = Pick<PulseConfig, 'indexPrefix' | 'elasticsearchUrl'>;

interface Bucket {
  key: string;
  doc_count: number;
  [sub: string]: unknown;
}

export async function queryOverview(client: Client, config: OverviewConfig, filter: PostFilter, timezone: string, topN = 15): Promise<Overview> {
  const aggs: Record<string, estypes.AggregationsAggregationContainer> = {
    voices: { cardinality: { field: 'clusterId', precision_threshold: 3000 } },
    sentiment: { avg: { field: 'sentiment.score' } },
    negative: { filter: { term: { 'sentiment.label': 'neg' } } },
    first: { min: { field: '@timestamp' } },
    last: { max: { field: '@timestamp' } },
    keywords: { terms: { field: 'keywords', size: topN } },
    versions: { terms: { field: 'analysisVersion', size: 20 } },
    speakers: { terms: { field: 'speaker.type', size: 10 } },
    sources: {
      terms: { field: 'sourceId', size: topN },
      aggs: { sentiment: { avg: { field: 'sentiment.score' } }, negative: { filter: { term: { 'sentiment.label': 'neg' } } } },
    },
    aspects: {
      nested: { path: 'aspects' },
      aggs: {
        names: {
          terms: { field: 'aspects.name', size: 20 },
          aggs: { score: { avg: { field: 'aspects.score' } }, negative: { filter: { term: { 'aspects.label': 'neg' } } } },
        },
      },
    },
  };
  let res: estypes.SearchResponse;
  try {
    res = await client.search({ index: postsIndexNames(config.indexPrefix).alias, size: 0, track_total_hits: true, query: buildPostQuery(filter, timezone), aggs });
  } catch (error) {
    throw translateEsError(error, config.elasticsearchUrl, 'computing the overview');
  }
  const a = (res.aggregations ?? {}) as Record<string, Record<string, unknown>>;
  const total = typeof res.hits.total === 'number' ? res.hits.total : (res.hits.total?.value ?? 0);
  const buckets = (agg: unknown): Bucket[] => ((agg as { buckets?: Bucket[] } | undefined)?.buckets ?? []);
  const value = (agg: unknown): number | null => ((agg as { value?: number | null } | undefined)?.value ?? null);
  const count = (agg: unknown): number => (agg as { doc_count?: number } | undefined)?.doc_count ?? 0;
  const iso = (agg: unknown): string | null => ((agg as { value_as_string?: string } | undefined)?.value_as_string ?? null);
  return {
    volume: total,
    distinctVoices: value(a['voices']) ?? 0,
    meanSentiment: value(a['sentiment']),
    negativeShare: total === 0 ? null : count(a['negative']) / total,
    firstAt: iso(a['first']),
    lastAt: iso(a['last']),
    keywords: buckets(a['keywords']).map((b) => ({ keyword: b.key, count: b.doc_count })),
    analysisVersions: buckets(a['versions']).map((b) => b.key).sort(),
    speakers: buckets(a['speakers']).map((b) => ({ type: b.key, count: b.doc_count })),
    sources: buckets(a['sources']).map((b) => ({
      sourceId: b.key,
      volume: b.doc_count,
      meanSentiment: value(b['sentiment']),
      negativeShare: b.doc_count === 0 ? null : count(b['negative']) / b.doc_count,
    })),
    aspects: buckets(a['aspects']?.['names']).map((b) => ({
      name: b.key,
      mentions: b.doc_count,
      meanSentiment: value(b['score']),
      negativeShare: b.doc_count === 0 ? null : count(b['negative']) / b.doc_count,
    })),
  };
}
