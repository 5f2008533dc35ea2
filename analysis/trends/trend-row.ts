/**
 * TrendRow: one period (hour/day/week) of opinion figures, optionally for one group (source, topic or aspect).
 * Pure data: produced from Elasticsearch buckets by infra, consumed by tables, exports, alerts and the report.
 */
export type TrendInterval = 'hour' | 'day' | 'week';
export type TrendGroupBy = 'source' | 'topic' | 'aspect';

export interface KeywordCount {
  keyword: string;
  count: number;
}

export interface PeriodChange {
  /** volume − previous volume. */
  volume: number;
  /** volume / previous volume − 1; null when the previous period was empty. */
  volumeRatio: number | null;
  /** Differences; null when either period has no value. */
  meanSentiment: number | null;
  negativeShare: number | null;
  distinctVoices: number;
}

export interface TrendRow {
  /** ISO start of the bucket in the query's time zone, with offset (2026-11-20T00:00:00+08:00). */
  period: string;
  interval: TrendInterval;
  timezone: string;
  /** Set when rows are grouped: which dimension and which value. */
  groupBy?: TrendGroupBy;
  group?: string;
  volume: number;
  /** Distinct near-duplicate clusters: a copy-paste wave counts once. */
  distinctVoices: number;
  /** Mean sentiment score in [-1, 1]; null for an empty period. With an aspect, the aspect's own sentiment. */
  meanSentiment: number | null;
  /** Share of negative documents (or aspect mentions) in [0, 1]; null for an empty period. */
  negativeShare: number | null;
  /** Whose sentiment the two figures above are: the document's, or the aspect's own. */
  sentimentBasis: 'document' | 'aspect';
  topKeywords: KeywordCount[];
  /** Against the previous period of the same series; null for the first period. */
  change: PeriodChange | null;
  /** analysisVersion values of the documents behind this row (sorted). */
  analysisVersions: string[];
}
