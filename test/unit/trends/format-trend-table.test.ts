import { describe, expect, it } from 'vitest';
import { formatTrendTable } from '../../../analysis/trends/format-trend-table.js';
import { displayWidth, fitWidth } from '../../../analysis/trends/display-width.js';
import { withPeriodChanges } from '../../../analysis/trends/period-change.js';
import type { TrendRow } from '../../../analysis/trends/trend-row.js';

const row = (period: string, volume: number, neg: number | null, keywords: string[], group?: string): TrendRow => ({
  period,
  interval: 'day',
  timezone: 'Asia/Shanghai',
  ...(group ? { groupBy: 'source' as const, group } : {}),
  volume,
  distinctVoices: volume,
  meanSentiment: volume ? -0.25 : null,
  negativeShare: neg,
  sentimentBasis: 'document',
  topKeywords: keywords.map((k, i) => ({ keyword: k, count: 10 - i })),
  change: null,
  analysisVersions: ['v1'],
});

describe('displayWidth', () => {
  it('counts Chinese and fullwidth characters as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('微商')).toBe(4);
    expect(displayWidth('退款！')).toBe(6);
    expect(fitWidth('微商代理', 5)).toBe('微商…');
    expect(displayWidth(fitWidth('微商代理', 5))).toBe(5);
    expect(fitWidth('7', 3, 'right')).toBe('  7');
  });
});

describe('formatTrendTable', () => {
  it('aligns every column whatever mix of Chinese and ASCII the cells hold', () => {
    const rows = withPeriodChanges([
      row('2026-11-19T00:00:00+08:00', 2, 0.5, ['退款', '客服'], '论坛A'),
      row('2026-11-20T00:00:00+08:00', 12, 0.75, ['囤货', 'vx'], '论坛A'),
      row('2026-11-20T00:00:00+08:00', 3, null, ['ok'], 'forum-b'),
    ]);
    const lines = formatTrendTable(rows).split('\n');
    expect(lines).toHaveLength(5);
    // The volume column ends at the same display column on every line.
    const header = lines[0]!;
    const volEnd = displayWidth(header.slice(0, header.indexOf('volume') + 'volume'.length));
    for (const line of lines.slice(2)) {
      const cut = [...line].reduce<{ w: number; s: string }>((acc, ch) => (acc.w < volEnd ? { w: acc.w + displayWidth(ch), s: acc.s + ch } : acc), { w: 0, s: '' });
      expect(cut.s).toMatch(/\d$/);
    }
    expect(lines[3]).toContain('+10');
    expect(lines[3]).toContain('+25pp');
    expect(lines[2]).toContain('退款(10)');
  });

  it('says so when there is nothing', () => {
    expect(formatTrendTable([])).toMatch(/no documents/);
  });
});

describe('withPeriodChanges', () => {
  it('compares within each group only', () => {
    const rows = withPeriodChanges([row('2026-11-19', 2, 0.5, [], 'a'), row('2026-11-19', 4, 0, [], 'b'), row('2026-11-20', 3, 0.25, [], 'a')]);
    expect(rows[0]!.change).toBeNull();
    expect(rows[1]!.change).toBeNull();
    expect(rows[2]!.change).toMatchObject({ volume: 1, volumeRatio: 0.5, negativeShare: -0.25 });
  });
});
