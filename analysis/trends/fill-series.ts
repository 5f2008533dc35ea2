/**
 * Completes a sparse trend series (composite aggregations return only periods that have documents) with empty rows,
 * so every period in [from, to) appears once per group and "change vs previous period" compares neighbours. Pure.
 */
import type { TrendInterval, TrendRow } from './trend-row.js';
import { addPeriods, formatZoned, startOfPeriod } from './zoned-time.js';

export interface FillOptions {
  interval: TrendInterval;
  timezone: string;
  fromMs: number;
  /** Exclusive. */
  toMs: number;
}

export function emptyRow(period: string, template: Pick<TrendRow, 'interval' | 'timezone' | 'groupBy' | 'group' | 'sentimentBasis'>): TrendRow {
  const row: TrendRow = {
    period,
    interval: template.interval,
    timezone: template.timezone,
    volume: 0,
    distinctVoices: 0,
    meanSentiment: null,
    negativeShare: null,
    sentimentBasis: template.sentimentBasis,
    topKeywords: [],
    change: null,
    analysisVersions: [],
  };
  if (template.groupBy !== undefined) {
    row.groupBy = template.groupBy;
    row.group = template.group ?? '';
  }
  return row;
}

/** Rows of one group (any order) → one row per period from `fromMs` to `toMs`, in time order. */
export function fillSeries(rows: readonly TrendRow[], options: FillOptions, template: Parameters<typeof emptyRow>[1]): TrendRow[] {
  const byStart = new Map(rows.map((r) => [Date.parse(r.period), r]));
  const out: TrendRow[] = [];
  for (let t = startOfPeriod(options.fromMs, options.interval, options.timezone); t < options.toMs; t = addPeriods(t, options.interval, 1, options.timezone)) {
    out.push(byStart.get(t) ?? emptyRow(formatZoned(t, options.timezone), template));
  }
  return out;
}
