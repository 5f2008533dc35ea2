/**
 * A detected Burst (+ example posts) → an Alert whose explanation says what was observed, against which baseline,
 * over which window, and what the burst is about (top keywords, example posts). Pure.
 */
import type { Burst } from '../../analysis/trends/bursts.js';
import type { Alert, AlertExample } from './alert.js';

export interface BurstAlertInput {
  burst: Burst;
  /** "all sources", "source forum-a", "aspect refunds". */
  scope: string;
  examples: AlertExample[];
  raisedAt: string;
  /** What the seller-ad filter left out of this period's slice, already worded (sellerAdsNotice); absent when ads count. */
  sellerAdsNotice?: string;
}

export function burstAlert({ burst, scope, examples, raisedAt, sellerAdsNotice }: BurstAlertInput): Alert {
  const { row } = burst;
  const isVolume = burst.metric === 'volume';
  const kind = isVolume ? 'volume_burst' : 'negative_share_burst';
  const show = (v: number): string => (isVolume ? v.toFixed(1) : `${Math.round(v * 100)}%`);
  const observed = isVolume ? String(burst.observed) : `${Math.round(burst.observed * 100)}%`;
  const what = isVolume ? `${observed} posts` : `${observed} negative (${row.volume} posts)`;
  const keywords = row.topKeywords.slice(0, 8).map((k) => `${k.keyword}(${k.count})`).join(' ') || '–';
  const lines = [
    `${row.interval} ${row.period} (${row.timezone}), ${scope}: ${what}.`,
    `Baseline over the previous ${burst.baselinePeriods} ${row.interval}s: ${show(burst.baselineMean)} ± ${show(burst.baselineStd)} → z = ${burst.z.toFixed(1)}.`,
    `Distinct voices: ${row.distinctVoices} of ${row.volume} posts (near-duplicates counted once).`,
    `Top keywords: ${keywords}`,
    ...(sellerAdsNotice ? [`This ${row.interval}: ${sellerAdsNotice}.`] : []),
    ...examples.map((e, i) => `Example ${i + 1}: ${e.title} — ${e.url} (${e.sourceId}, sentiment ${e.sentimentScore.toFixed(2)})`),
  ];
  return {
    key: `${kind}|${row.interval}|${scope}|${row.period}`,
    kind,
    severity: burst.z >= 6 ? 'critical' : 'warning',
    scope,
    period: row.period,
    title: isVolume ? `Volume burst, ${scope}: ${what} on ${row.period.slice(0, 16)}` : `Negative-share burst, ${scope}: ${what} on ${row.period.slice(0, 16)}`,
    explanation: lines.join('\n'),
    observed: burst.observed,
    baseline: { mean: burst.baselineMean, std: burst.baselineStd, periods: burst.baselinePeriods },
    z: burst.z,
    topKeywords: row.topKeywords,
    examples,
    analysisVersions: row.analysisVersions,
    raisedAt,
  };
}
