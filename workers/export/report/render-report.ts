/**
 * ReportData → one self-contained HTML page (UTF-8, inline CSS and SVG, no external resource): the dashboard's
 * views for people without Kibana. Pure; every value from the index is escaped.
 */
import type { AspectName } from '../../../analysis/analyzed-document.js';
import { escapeHtml as e } from './escape-html.js';
import { barChart } from './svg-bar-chart.js';
import { lineChart } from './svg-line-chart.js';
import type { ReportData } from './report-data.js';
import { sellerAdsNotice } from '../filter-options.js';
import { reportCss } from './report-css.js';

const aspectNames: Record<AspectName, string> = {
  recruiting: '招代理 recruiting',
  stockpiling: '囤货压货 stockpiling',
  income: '收入亏损 income',
  quality: '产品质量 quality',
  legality: '传销合法性 legality',
  platform: '平台与微信 platform',
  refunds: '退款投诉 refunds',
  trust: '信任与欺诈 trust',
};

const pct = (v: number): string => `${Math.round(v * 100)}%`;
const fixed = (v: number): string => v.toFixed(2);
const int = (v: number): string => String(Math.round(v));
const orDash = (v: number | null, f: (v: number) => string): string => (v === null ? '–' : f(v));

export function renderReport(d: ReportData): string {
  const labels = d.series.map((r) => (d.interval === 'hour' ? r.period.slice(5, 16).replace('T', ' ') : r.period.slice(5, 10)));
  const o = d.overview;
  const scope = [
    d.from && d.to ? `${d.from.slice(0, 10)} → ${d.to.slice(0, 10)}` : '全部时间 all time',
    `时区 ${d.timezone}`,
    `按${{ hour: '小时', day: '天', week: '周' }[d.interval]} per ${d.interval}`,
    d.filter.excludeSellerAds ? '不含商家广告 seller ads excluded' : '含商家广告 seller ads included',
  ];
  const cards = [
    ['帖子 posts', String(o.volume)],
    ['独立声音 distinct voices', String(o.distinctVoices)],
    ['平均情感 mean sentiment', orDash(o.meanSentiment, fixed)],
    ['负面占比 negative share', orDash(o.negativeShare, pct)],
  ];
  const sections = [
    section('volume', '声量 Volume over time', lineChart({
      id: 'volume', title: 'volume', xLabels: labels, format: int,
      series: [
        { name: '帖子 posts', color: '#3b6fb6', values: d.series.map((r) => r.volume) },
        { name: '独立声音 voices', color: '#8a5cc2', values: d.series.map((r) => r.distinctVoices) },
      ],
    })),
    section('sentiment', '情感 Sentiment over time', lineChart({
      id: 'sentiment', title: 'sentiment', xLabels: labels, format: fixed, yDomain: [-1, 1],
      series: [{ name: '平均情感 mean sentiment', color: '#2e8b57', values: d.series.map((r) => r.meanSentiment) }],
    })),
    section('negative-share', '负面占比 Negative share over time', lineChart({
      id: 'negative-share', title: 'negative share', xLabels: labels, format: pct, yDomain: [0, 1],
      series: [{ name: '负面占比 negative share', color: '#d6453d', values: d.series.map((r) => r.negativeShare) }],
    })),
    section('aspects', '各方面负面占比 Negative share by aspect', barChart({
      id: 'aspects', title: 'negative share by aspect', max: 1, color: '#d6453d', format: pct,
      bars: o.aspects.map((a) => ({ label: aspectNames[a.name as AspectName] ?? a.name, value: a.negativeShare ?? 0, detail: `${a.mentions} 次提及 mentions` })),
    })),
    section('keywords', '热词 Top keywords', barChart({
      id: 'keywords', title: 'top keywords', format: int, bars: o.keywords.map((k) => ({ label: k.keyword, value: k.count })),
    })),
    section('sources', '来源 Top sources', barChart({
      id: 'sources', title: 'top sources', format: int, color: '#6b8e23',
      bars: o.sources.map((s) => ({ label: s.sourceId, value: s.volume, detail: `负面 ${orDash(s.negativeShare, pct)}, 情感 ${orDash(s.meanSentiment, fixed)}` })),
    })),
  ];
  const latest = d.latestNegative.length
    ? `<table data-table="latest-negative"><thead><tr><th>时间 time</th><th>标题 title</th><th>来源 source</th><th>情感 sentiment</th><th>方面 aspects</th></tr></thead><tbody>${d.latestNegative
        .map((p) => `<tr><td>${e(p.timestamp.slice(0, 16).replace('T', ' '))}</td><td><a href="${e(p.url)}" rel="noopener noreferrer">${e(p.title)}</a></td><td>${e(p.sourceId)}</td><td>${fixed(p.sentimentScore)}</td><td>${e(p.aspects.join(', '))}</td></tr>`)
        .join('')}</tbody></table>`
    : '<p class="empty">无负面帖子 no negative posts in this range</p>';
  const alerts = d.alerts.length
    ? `<ul class="alerts">${d.alerts.map((a) => `<li><strong>[${e(a.severity)}] ${e(a.title)}</strong><pre>${e(a.explanation)}</pre></li>`).join('')}</ul>`
    : '<p class="empty">暂无告警 no alerts recorded</p>';
  const versions = o.analysisVersions.map(e).join(', ') || '–';
  // Visible under the scope line: how many posts the seller-ad filter hid, and how to see them.
  const adsNotice =
    d.sellerAdsLeftOut === null
      ? ''
      : `<p class="notice" data-notice="seller-ads">不含商家广告 ${d.sellerAdsLeftOut} 条 · ${e(sellerAdsNotice(d.sellerAdsLeftOut))}</p>`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pulse 微商舆情报告 — micro-business opinion report</title>
<style>${reportCss}</style>
</head>
<body>
<header><h1>Pulse 微商舆情报告 <small>micro-business opinion report</small></h1>
<p class="scope">${scope.map(e).join(' · ')}</p>
${adsNotice}
<div class="cards">${cards.map(([k, v]) => `<div class="card"><div class="k">${e(k!)}</div><div class="v">${e(v!)}</div></div>`).join('')}</div></header>
<main>
<div class="grid">${sections.join('')}</div>
<section id="latest-negative"><h2>最新负面帖子 Latest negative posts</h2>${latest}</section>
<section id="alerts"><h2>告警 Alerts</h2>${alerts}</section>
</main>
<footer>生成于 generated ${e(d.generatedAt)} · 分析版本 analysis versions: ${versions} · 一个文件，无外部资源 single file, no external resources</footer>
</body>
</html>
`;
}

function section(id: string, title: string, chart: string): string {
  return `<section id="${id}" class="chart"><h2>${e(title)}</h2>${chart}</section>`;
}
