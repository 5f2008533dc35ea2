import { describe, expect, it } from 'vitest';
import { detectBursts, meanStd } from '../../../analysis/trends/bursts.js';
import { fillSeries } from '../../../analysis/trends/fill-series.js';
import { parseInstant } from '../../../analysis/trends/zoned-time.js';
import type { TrendRow } from '../../../analysis/trends/trend-row.js';

const day = (d: number): string => `2026-11-${String(d).padStart(2, '0')}T00:00:00+08:00`;
const row = (d: number, volume: number, negativeShare: number | null = volume ? 0.2 : null): TrendRow => ({
  period: day(d),
  interval: 'day',
  timezone: 'Asia/Shanghai',
  volume,
  distinctVoices: volume,
  meanSentiment: volume ? 0 : null,
  negativeShare,
  sentimentBasis: 'document',
  topKeywords: [],
  change: null,
  analysisVersions: [],
});

describe('detectBursts', () => {
  const calm = [10, 12, 9, 11, 10, 13, 11].map((v, i) => row(i + 1, v));

  it('flags exactly the spike in volume, with its baseline', () => {
    const series = [...calm, row(8, 60), row(9, 12)];
    const bursts = detectBursts(series, { metric: 'volume' });
    expect(bursts.map((b) => b.period)).toEqual([day(8)]);
    const b = bursts[0]!;
    expect(b.observed).toBe(60);
    expect(b.baselineMean).toBeCloseTo(76 / 7, 5);
    expect(b.baselinePeriods).toBe(7);
    expect(b.z).toBeGreaterThan(3);
  });

  it('does not call ordinary noise or a tiny count a burst', () => {
    expect(detectBursts([...calm, row(8, 16)], { metric: 'volume' })).toEqual([]);
    const quiet = [0, 0, 1, 0, 0, 0, 0].map((v, i) => row(i + 1, v));
    expect(detectBursts([...quiet, row(8, 4)], { metric: 'volume' })).toEqual([]);
    expect(detectBursts([...quiet, row(8, 9)], { metric: 'volume' })).toHaveLength(1);
  });

  it('needs enough baseline before judging', () => {
    expect(detectBursts([row(1, 10), row(2, 10), row(3, 90)], { metric: 'volume' })).toEqual([]);
  });

  it('flags a jump in negative share, but not on a handful of posts or a small rise', () => {
    const base = [0.2, 0.25, 0.2, 0.15, 0.2, 0.22, 0.18].map((s, i) => row(i + 1, 40, s));
    expect(detectBursts([...base, row(8, 40, 0.7)], { metric: 'negativeShare' }).map((b) => b.period)).toEqual([day(8)]);
    expect(detectBursts([...base, row(8, 3, 1)], { metric: 'negativeShare' })).toEqual([]);
    expect(detectBursts([...base, row(8, 40, 0.3)], { metric: 'negativeShare' })).toEqual([]);
  });

  it('computes population mean and deviation', () => {
    expect(meanStd([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, std: 2 });
  });
});

describe('fillSeries', () => {
  it('adds empty periods between and around the sparse ones, in order', () => {
    const tz = 'Asia/Shanghai';
    const filled = fillSeries([row(5, 3), row(3, 2)], { interval: 'day', timezone: tz, fromMs: parseInstant('2026-11-02', tz), toMs: parseInstant('2026-11-07', tz) }, {
      interval: 'day',
      timezone: tz,
      sentimentBasis: 'document',
    });
    expect(filled.map((r) => [r.period.slice(0, 10), r.volume])).toEqual([
      ['2026-11-02', 0],
      ['2026-11-03', 2],
      ['2026-11-04', 0],
      ['2026-11-05', 3],
      ['2026-11-06', 0],
    ]);
    expect(filled[0]!.negativeShare).toBeNull();
  });
});
