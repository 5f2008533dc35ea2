/** TrendRow stream → Dataset: one flat record per period (and group), carrying the analysis versions behind it. */
import type { TrendRow } from '../../analysis/trends/trend-row.js';
import type { Column, Dataset, DatasetRecord } from './dataset.js';

export const trendColumns: Column[] = [
  { name: 'period', type: 'timestamp' },
  { name: 'interval', type: 'string' },
  { name: 'timezone', type: 'string' },
  { name: 'group_by', type: 'string' },
  { name: 'group', type: 'string' },
  { name: 'volume', type: 'int' },
  { name: 'distinct_voices', type: 'int' },
  { name: 'mean_sentiment', type: 'double' },
  { name: 'negative_share', type: 'double' },
  { name: 'sentiment_basis', type: 'string' },
  { name: 'top_keywords', type: 'list' },
  { name: 'change_volume', type: 'int' },
  { name: 'change_volume_ratio', type: 'double' },
  { name: 'change_mean_sentiment', type: 'double' },
  { name: 'change_negative_share', type: 'double' },
  { name: 'analysis_versions', type: 'list' },
];

export function trendRecord(row: TrendRow): DatasetRecord {
  return {
    period: row.period,
    interval: row.interval,
    timezone: row.timezone,
    group_by: row.groupBy ?? null,
    group: row.group ?? null,
    volume: row.volume,
    distinct_voices: row.distinctVoices,
    mean_sentiment: row.meanSentiment,
    negative_share: row.negativeShare,
    sentiment_basis: row.sentimentBasis,
    top_keywords: row.topKeywords.map((k) => `${k.keyword}:${k.count}`),
    change_volume: row.change?.volume ?? null,
    change_volume_ratio: row.change?.volumeRatio ?? null,
    change_mean_sentiment: row.change?.meanSentiment ?? null,
    change_negative_share: row.change?.negativeShare ?? null,
    analysis_versions: row.analysisVersions,
  };
}

export function trendDataset(rows: AsyncIterable<TrendRow>, meta: Record<string, string>): Dataset {
  return {
    name: 'trends',
    columns: trendColumns,
    meta,
    records: (async function* () {
      for await (const row of rows) yield trendRecord(row);
    })(),
  };
}
