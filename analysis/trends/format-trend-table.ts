/**
 * TrendRow[] → a fixed-width text table for the terminal, aligned by display width so Chinese keywords and group
 * names do not break the columns. Pure: returns the string, prints nothing.
 */
import { displayWidth, fitWidth } from './display-width.js';
import type { TrendRow } from './trend-row.js';

interface Column {
  title: string;
  align: 'left' | 'right';
  max: number;
  cell(row: TrendRow): string;
}

export function formatTrendTable(rows: readonly TrendRow[]): string {
  if (rows.length === 0) return '(no documents in this range)';
  const columns: Column[] = [
    { title: 'period', align: 'left', max: 20, cell: (r) => periodLabel(r) },
    ...(rows.some((r) => r.group !== undefined)
      ? [{ title: rows[0]?.groupBy ?? 'group', align: 'left' as const, max: 18, cell: (r: TrendRow) => r.group ?? '' }]
      : []),
    { title: 'volume', align: 'right', max: 9, cell: (r) => String(r.volume) },
    { title: 'Δvol', align: 'right', max: 9, cell: (r) => (r.change ? signed(r.change.volume) : '') },
    { title: 'voices', align: 'right', max: 8, cell: (r) => String(r.distinctVoices) },
    { title: 'sentiment', align: 'right', max: 9, cell: (r) => num(r.meanSentiment, 2) },
    { title: 'neg%', align: 'right', max: 6, cell: (r) => pct(r.negativeShare) },
    { title: 'Δneg', align: 'right', max: 7, cell: (r) => (r.change?.negativeShare == null ? '' : signedPct(r.change.negativeShare)) },
    { title: 'top keywords', align: 'left', max: 36, cell: (r) => r.topKeywords.slice(0, 5).map((k) => `${k.keyword}(${k.count})`).join(' ') },
  ];
  const cells = rows.map((row) => columns.map((c) => c.cell(row)));
  const widths = columns.map((c, i) => Math.min(c.max, Math.max(displayWidth(c.title), ...cells.map((r) => displayWidth(r[i] ?? '')))));
  const line = (values: string[]): string =>
    values.map((v, i) => fitWidth(v, widths[i] ?? 0, columns[i]?.align ?? 'left')).join('  ').trimEnd();
  const header = line(columns.map((c) => c.title));
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [header, rule, ...cells.map(line)].join('\n');
}

function periodLabel(row: TrendRow): string {
  const day = row.period.slice(0, 10);
  if (row.interval === 'hour') return `${day} ${row.period.slice(11, 16)}`;
  if (row.interval === 'week') return `${day} (week)`;
  return day;
}

const num = (v: number | null, digits: number): string => (v === null ? '–' : v.toFixed(digits));
const pct = (v: number | null): string => (v === null ? '–' : `${Math.round(v * 100)}%`);
const signed = (v: number): string => (v > 0 ? `+${v}` : String(v));
const signedPct = (v: number): string => {
  const p = Math.round(v * 100);
  return p > 0 ? `+${p}pp` : `${p}pp`;
};
