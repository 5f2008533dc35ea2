/**
 * A horizontal bar chart as an inline SVG string: one bar per label (Chinese labels fine), value text at the bar
 * end, optional second line of detail in the tooltip. Pure; all text escaped.
 */
import { escapeHtml } from './escape-html.js';

export interface Bar {
  label: string;
  value: number;
  detail?: string;
}

export interface BarChartOptions {
  id: string;
  title: string;
  bars: Bar[];
  format: (v: number) => string;
  /** Scale maximum (1 for shares); default the largest value. */
  max?: number;
  color?: string;
}

const W = 640;
const ROW = 24;
const LABEL = 150;

export function barChart(o: BarChartOptions): string {
  const max = o.max ?? Math.max(1e-9, ...o.bars.map((b) => b.value));
  const H = Math.max(1, o.bars.length) * ROW + 8;
  const width = (v: number): number => Math.max(0, (v / max) * (W - LABEL - 70));
  const rows = o.bars
    .map((b, i) => {
      const y = 4 + i * ROW;
      const tip = escapeHtml(`${b.label}: ${o.format(b.value)}${b.detail ? ` — ${b.detail}` : ''}`);
      return (
        `<text x="${LABEL - 8}" y="${y + 15}" text-anchor="end" class="label">${escapeHtml(b.label)}</text>` +
        `<rect x="${LABEL}" y="${y + 3}" width="${width(b.value).toFixed(1)}" height="${ROW - 8}" fill="${o.color ?? '#3b6fb6'}" class="bar"><title>${tip}</title></rect>` +
        `<text x="${(LABEL + width(b.value) + 6).toFixed(1)}" y="${y + 15}" class="value">${escapeHtml(o.format(b.value))}</text>`
      );
    })
    .join('');
  const empty = o.bars.length === 0 ? `<text x="${LABEL}" y="18" class="empty">无数据 no data</text>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(o.title)}" data-chart="${escapeHtml(o.id)}" data-bars="${o.bars.length}">${rows}${empty}</svg>`;
}
