/**
 * Burst detection on one trend series: a period's volume or negative share against the mean and standard deviation
 * of the trailing window before it (z-score). Each burst carries its own explanation figures. Pure; rows in time order.
 */
import type { TrendRow } from './trend-row.js';

export type BurstMetric = 'volume' | 'negativeShare';

export interface BurstOptions {
  metric: BurstMetric;
  /** Trailing periods forming the baseline. @default 7 */
  window?: number;
  /** Fewer baseline periods than this → no judgement. @default 3 */
  minBaselinePeriods?: number;
  /** z at or above which a period is a burst. @default 3 */
  zThreshold?: number;
  /** A period needs at least this many documents to count (tiny counts make noisy shares and "bursts" of 2). @default 5 */
  minVolume?: number;
  /** Negative share must also rise by at least this much over the baseline mean. @default 0.15 */
  minShareIncrease?: number;
}

export interface Burst {
  metric: BurstMetric;
  period: string;
  observed: number;
  baselineMean: number;
  baselineStd: number;
  /** The deviation actually divided by (std floored so a flat baseline cannot make every blip infinite). */
  scale: number;
  z: number;
  baselinePeriods: number;
  row: TrendRow;
}

export function detectBursts(series: readonly TrendRow[], options: BurstOptions): Burst[] {
  const window = options.window ?? 7;
  const minBaseline = options.minBaselinePeriods ?? 3;
  const threshold = options.zThreshold ?? 3;
  const minVolume = options.minVolume ?? 5;
  const bursts: Burst[] = [];
  series.forEach((row, i) => {
    const observed = value(row, options.metric);
    if (observed === null || row.volume < minVolume) return;
    const baseline = series
      .slice(Math.max(0, i - window), i)
      .map((r) => value(r, options.metric))
      .filter((v): v is number => v !== null);
    if (baseline.length < minBaseline) return;
    const { mean, std } = meanStd(baseline);
    const scale = Math.max(std, floorScale(options.metric, mean, row.volume));
    const z = (observed - mean) / scale;
    if (z < threshold) return;
    if (options.metric === 'negativeShare' && observed - mean < (options.minShareIncrease ?? 0.15)) return;
    bursts.push({ metric: options.metric, period: row.period, observed, baselineMean: mean, baselineStd: std, scale, z, baselinePeriods: baseline.length, row });
  });
  return bursts;
}

/** Empty periods count as zero volume but have no negative share. */
function value(row: TrendRow, metric: BurstMetric): number | null {
  return metric === 'volume' ? row.volume : row.negativeShare;
}

export function meanStd(values: readonly number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance) };
}

/**
 * Smallest plausible spread: counts vary at least like a Poisson process (√mean, and never below 1); a share
 * measured on n documents varies at least like a binomial proportion (√(p(1−p)/n), and never below 0.05).
 */
function floorScale(metric: BurstMetric, mean: number, n: number): number {
  if (metric === 'volume') return Math.max(1, Math.sqrt(mean));
  const p = Math.min(Math.max(mean, 0.05), 0.95);
  return Math.max(0.05, Math.sqrt((p * (1 - p)) / Math.max(1, n)));
}
