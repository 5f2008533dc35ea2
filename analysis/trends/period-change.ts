/**
 * Fills in `change` of each row against the previous period of the same series (same groupBy+group), given rows in
 * time order. Pure: takes rows, gives new rows; never reorders.
 */
import type { PeriodChange, TrendRow } from './trend-row.js';

export function periodChange(current: TrendRow, previous: TrendRow): PeriodChange {
  return {
    volume: current.volume - previous.volume,
    volumeRatio: previous.volume === 0 ? null : current.volume / previous.volume - 1,
    meanSentiment: diff(current.meanSentiment, previous.meanSentiment),
    negativeShare: diff(current.negativeShare, previous.negativeShare),
    distinctVoices: current.distinctVoices - previous.distinctVoices,
  };
}

export function withPeriodChanges(rows: readonly TrendRow[]): TrendRow[] {
  const last = new Map<string, TrendRow>();
  return rows.map((row) => {
    const key = `${row.groupBy ?? ''}\u0000${row.group ?? ''}`;
    const previous = last.get(key);
    last.set(key, row);
    return { ...row, change: previous ? periodChange(row, previous) : null };
  });
}

const diff = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a - b);
