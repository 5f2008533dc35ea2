/**
 * A line chart as an inline SVG string (no library, no script): one or more series over the same x labels, gaps
 * for null values, y ticks, sparse x labels, a <title> tooltip per point. Pure; all text escaped.
 */
import { escapeHtml } from './escape-html.js';

export interface LineSeries {
  name: string;
  color: string;
  values: Array<number | null>;
}

export interface LineChartOptions {
  id: string;
  title: string;
  xLabels: string[];
  series: LineSeries[];
  format: (v: number) => string;
  /** Fixed y range (e.g. [0, 1] for shares, [-1, 1] for sentiment); otherwise 0..max. */
  yDomain?: [number, number];
}

const W = 640;
const H = 240;
const M = { top: 16, right: 16, bottom: 40, left: 56 };

export function lineChart(o: LineChartOptions): string {
  const n = o.xLabels.length;
  const all = o.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const [lo, hi] = o.yDomain ?? [0, niceCeiling(Math.max(1, ...all) * 1.1)];
  const x = (i: number): number => M.left + (n <= 1 ? (W - M.left - M.right) / 2 : (i * (W - M.left - M.right)) / (n - 1));
  const y = (v: number): number => H - M.bottom - ((v - lo) / (hi - lo || 1)) * (H - M.top - M.bottom);
  const ticks = [0, 1, 2, 3, 4].map((k) => lo + ((hi - lo) * k) / 4);
  const grid = ticks
    .map((t) => `<line x1="${M.left}" x2="${W - M.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" class="grid"/><text x="${M.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" class="tick">${escapeHtml(o.format(t))}</text>`)
    .join('');
  const every = Math.max(1, Math.ceil(n / 8));
  const xTicks = o.xLabels
    .map((label, i) => (i % every === 0 || i === n - 1 ? `<text x="${x(i).toFixed(1)}" y="${H - M.bottom + 16}" text-anchor="middle" class="tick">${escapeHtml(label)}</text>` : ''))
    .join('');
  let points = 0;
  const lines = o.series
    .map((s) => {
      const segments: string[] = [];
      let current = '';
      s.values.forEach((v, i) => {
        if (v === null) {
          if (current) segments.push(current);
          current = '';
          return;
        }
        current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      });
      if (current) segments.push(current);
      const dots = s.values
        .map((v, i) => {
          if (v === null) return '';
          points++;
          return `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${s.color}" class="point"><title>${escapeHtml(`${o.xLabels[i] ?? ''} ${s.name}: ${o.format(v)}`)}</title></circle>`;
        })
        .join('');
      return `<path d="${segments.join('')}" fill="none" stroke="${s.color}" stroke-width="2" class="line"/>${dots}`;
    })
    .join('');
  const legend = o.series
    .map((s, i) => `<rect x="${M.left + i * 170}" y="${H - 14}" width="10" height="10" fill="${s.color}"/><text x="${M.left + 14 + i * 170}" y="${H - 5}" class="legend">${escapeHtml(s.name)}</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(o.title)}" data-chart="${escapeHtml(o.id)}" data-points="${points}">${grid}${xTicks}${lines}${legend}</svg>`;
}

/** 1, 2, 2.5 or 5 times a power of ten, at least `v`: round axis maxima. */
function niceCeiling(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  return ([1, 2, 2.5, 5, 10].find((m) => m * p >= v) ?? 10) * p;
}
