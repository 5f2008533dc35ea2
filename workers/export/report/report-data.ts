/**
 * Everything the HTML report shows, fetched in one place: the overview of the range, the trend series, the latest
 * negative posts and recent alerts. The range defaults to the data's own span (at most the last 90 days).
 */
import type { Client } from '@elastic/elasticsearch';
import type { TrendInterval, TrendRow } from '../../../analysis/trends/trend-row.js';
import { addPeriods, formatZoned } from '../../../analysis/trends/zoned-time.js';
import type { PulseConfig } from '../../../infra/config/config-fields.js';
import { examplePosts, type ExamplePost } from '../../../infra/elasticsearch/example-posts.js';
import type { PostFilter } from '../../../infra/elasticsearch/post-filter.js';
import { queryOverview, type Overview } from '../../../infra/elasticsearch/query-overview.js';
import { queryTrends } from '../../../infra/elasticsearch/query-trends.js';
import { countSellerAdsLeftOut } from '../../../infra/elasticsearch/seller-ads-left-out.js';
import { recentAlerts, type StoredAlert } from '../../alerts/alert-store.js';

export interface ReportOptions {
  filter?: PostFilter;
  timezone?: string;
  interval?: TrendInterval;
  /** Latest negative posts listed. @default 15 */
  latest?: number;
  now?: () => number;
}

export interface ReportData {
  generatedAt: string;
  timezone: string;
  interval: TrendInterval;
  from: string | null;
  to: string | null;
  filter: PostFilter;
  /** Seller ads the filter left out over the report's range; null when they are included. */
  sellerAdsLeftOut: number | null;
  overview: Overview;
  series: TrendRow[];
  latestNegative: ExamplePost[];
  alerts: StoredAlert[];
}

type ReportConfig = Pick<PulseConfig, 'indexPrefix' | 'elasticsearchUrl' | 'timezone'>;

export async function gatherReportData(es: Client, config: ReportConfig, options: ReportOptions = {}): Promise<ReportData> {
  const timezone = options.timezone ?? config.timezone;
  const now = options.now?.() ?? Date.now();
  const filter: PostFilter = options.filter ?? { excludeSellerAds: true };
  const span = await queryOverview(es, config, filter, timezone, 1);
  let from = filter.from ?? null;
  let to = filter.to ?? null;
  if (!from && span.firstAt && span.lastAt) {
    const last = Date.parse(span.lastAt);
    from = formatZoned(Math.max(Date.parse(span.firstAt), addPeriods(last, 'day', -89, timezone)), timezone);
  }
  if (!to && span.lastAt) to = formatZoned(addPeriods(Math.min(Date.parse(span.lastAt), now), 'day', 1, timezone), timezone);
  const ranged: PostFilter = { ...filter, ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const days = from && to ? (Date.parse(to) - Date.parse(from)) / 86_400_000 : 0;
  const interval = options.interval ?? (days > 120 ? 'week' : days <= 3 ? 'hour' : 'day');
  const [overview, series, latestNegative, alerts, sellerAdsLeftOut] = await Promise.all([
    queryOverview(es, config, ranged, timezone),
    span.volume === 0 ? Promise.resolve([]) : queryTrends(es, config, { ...ranged, interval, timezone }),
    examplePosts(es, config, { ...ranged, label: 'neg' }, { timezone, size: options.latest ?? 15, order: 'newest' }),
    recentAlerts(es, config.indexPrefix, 10),
    countSellerAdsLeftOut(es, config, ranged, timezone),
  ]);
  return {
    generatedAt: formatZoned(now, timezone),
    timezone,
    interval,
    from,
    to,
    filter,
    sellerAdsLeftOut: sellerAdsLeftOut ?? null,
    overview,
    series,
    latestNegative,
    alerts,
  };
}
