/**
 * One alert pass (what the scheduled job and `pulse alerts run` call): trend series from Elasticsearch → volume and
 * negative-share bursts in the latest periods, plus crawler-health alerts from crawl-run summaries → each alert
 * recorded once (alert store), logged, and posted to the optional webhook.
 */
import type { Client } from '@elastic/elasticsearch';
import { detectBursts, type BurstMetric } from '../../analysis/trends/bursts.js';
import type { TrendGroupBy, TrendInterval, TrendRow } from '../../analysis/trends/trend-row.js';
import { addPeriods, formatZoned } from '../../analysis/trends/zoned-time.js';
import type { PulseConfig } from '../../infra/config/config-fields.js';
import type { Logger } from '../../infra/logger.js';
import { queryTrends } from '../../infra/elasticsearch/query-trends.js';
import { examplePosts } from '../../infra/elasticsearch/example-posts.js';
import type { PostFilter } from '../../infra/elasticsearch/post-filter.js';
import { countSellerAdsLeftOut } from '../../infra/elasticsearch/seller-ads-left-out.js';
import { sellerAdsNotice } from '../export/filter-options.js';
import { translateEsError } from '../../infra/elasticsearch/translate-es-error.js';
import type { Alert } from './alert.js';
import { burstAlert } from './burst-alert.js';
import { crawlerHealthAlerts, type CrawlerHealthOptions, type CrawlRunSummary } from './crawler-health.js';
import { ensureAlertsIndex, markDelivered, recordAlert } from './alert-store.js';
import { deliverToWebhook } from './deliver-alert.js';

export interface AlertDeps {
  es: Client;
  config: Pick<PulseConfig, 'indexPrefix' | 'elasticsearchUrl' | 'timezone' | 'alertWebhookUrl'>;
  logger: Logger;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface RunAlertsOptions {
  /** @default 'day' */
  interval?: Exclude<TrendInterval, 'week'>;
  /** Trailing periods of the baseline. @default 7 */
  window?: number;
  /** How many of the latest periods (the current one included) are judged; older bursts were judged before. @default 2 */
  recentPeriods?: number;
  /**
   * Judge the periods up to this instant (epoch ms) instead of up to now: the demo's data covers two fixed weeks,
   * judged the same on any day. Crawler health is still judged at now. @default now
   */
  asOf?: number;
  /** Judge one series per source/topic/aspect instead of the overall series. */
  groupBy?: TrendGroupBy;
  /** Which documents count (default: seller ads left out, like every analyst view). */
  filter?: PostFilter;
  zThreshold?: number;
  minVolume?: number;
  metrics?: BurstMetric[];
  /** Latest crawl run of each source (e.g. workers/source-runs lastSourceRuns). */
  crawlRuns?: readonly CrawlRunSummary[];
  crawlerHealth?: Omit<CrawlerHealthOptions, 'now'>;
  /** Compute and return alerts without recording or sending them. */
  dryRun?: boolean;
}

export interface RunAlertsResult {
  /** Alerts raised for the first time in this run. */
  raised: Alert[];
  /** The conditions that were already raised earlier (counted in alreadyRaised). */
  raisedBefore: Alert[];
  /** Conditions still present but already raised earlier (not sent again). */
  alreadyRaised: number;
  /** Webhook deliveries that failed (retried on the next run). */
  deliveryFailures: number;
  /** Seller ads the filter left out of the judged window (baseline + judged periods); undefined when ads count. */
  sellerAdsLeftOut?: number;
}

export async function runAlerts(deps: AlertDeps, options: RunAlertsOptions = {}): Promise<RunAlertsResult> {
  const now = deps.now?.() ?? Date.now();
  const tz = deps.config.timezone;
  const bursts = await burstAlerts(deps, options, options.asOf ?? now, now);
  const candidates = [...bursts.alerts, ...crawlerHealthAlerts(options.crawlRuns ?? [], { ...options.crawlerHealth, now })];
  const result: RunAlertsResult = {
    raised: [],
    raisedBefore: [],
    alreadyRaised: 0,
    deliveryFailures: 0,
    ...(bursts.sellerAdsLeftOut !== undefined ? { sellerAdsLeftOut: bursts.sellerAdsLeftOut } : {}),
  };
  if (options.dryRun) return { ...result, raised: candidates };
  try {
    if (candidates.length > 0) await ensureAlertsIndex(deps.es, deps.config.indexPrefix);
    for (const alert of candidates) {
      const noWebhook = !deps.config.alertWebhookUrl;
      const stored = await recordAlert(deps.es, deps.config.indexPrefix, { ...alert, deliveredAt: noWebhook ? alert.raisedAt : null });
      if (stored !== 'new') {
        result.alreadyRaised++;
        result.raisedBefore.push(alert);
        if (stored.deliveredAt === null && !noWebhook) await deliver(deps, stored, result);
        continue;
      }
      result.raised.push(alert);
      const log = alert.severity === 'critical' ? deps.logger.error.bind(deps.logger) : deps.logger.warn.bind(deps.logger);
      log({ alert: alert.kind, scope: alert.scope, period: alert.period, key: alert.key }, `${alert.title}\n${alert.explanation}`);
      if (!noWebhook) await deliver(deps, alert, result);
    }
  } catch (error) {
    throw translateEsError(error, deps.config.elasticsearchUrl, 'recording alerts');
  }
  deps.logger.info({ raised: result.raised.length, alreadyRaised: result.alreadyRaised, sellerAdsLeftOut: result.sellerAdsLeftOut, tz }, 'alert pass done');
  return result;
}

async function deliver(deps: AlertDeps, alert: Alert, result: RunAlertsResult): Promise<void> {
  const ok = await deliverToWebhook(alert, { webhookUrl: deps.config.alertWebhookUrl, fetch: deps.fetch, logger: deps.logger });
  if (ok) await markDelivered(deps.es, deps.config.indexPrefix, alert.key, new Date().toISOString());
  else result.deliveryFailures++;
}

async function burstAlerts(deps: AlertDeps, options: RunAlertsOptions, now: number, raisedAt: number): Promise<{ alerts: Alert[]; sellerAdsLeftOut?: number }> {
  const interval = options.interval ?? 'day';
  const tz = deps.config.timezone;
  const window = options.window ?? 7;
  const recent = options.recentPeriods ?? 2;
  const filter: PostFilter = options.filter ?? { excludeSellerAds: true };
  const from = formatZoned(addPeriods(now, interval, -(window + recent - 1), tz), tz);
  const to = formatZoned(addPeriods(now, interval, 1, tz), tz);
  const [rows, sellerAdsLeftOut] = await Promise.all([
    queryTrends(deps.es, deps.config, {
      ...filter,
      from,
      to,
      interval,
      timezone: tz,
      topKeywords: 10,
      ...(options.groupBy ? { groupBy: options.groupBy } : {}),
    }),
    countSellerAdsLeftOut(deps.es, deps.config, { ...filter, from, to }, tz),
  ]);
  const firstJudged = addPeriods(now, interval, 1 - recent, tz);
  const alerts: Alert[] = [];
  for (const [group, series] of groupSeries(rows)) {
    for (const metric of options.metrics ?? (['volume', 'negativeShare'] as const)) {
      const bursts = detectBursts(series, { metric, window, zThreshold: options.zThreshold, minVolume: options.minVolume }).filter(
        (b) => Date.parse(b.period) >= firstJudged,
      );
      for (const burst of bursts) {
        const scope = group === undefined ? describeFilter(filter) : `${options.groupBy} ${group}`;
        const periodEnd = formatZoned(addPeriods(Date.parse(burst.period), interval, 1, tz), tz);
        const period: PostFilter = { ...filter, ...groupFilter(options.groupBy, group), from: burst.period, to: periodEnd };
        const slice: PostFilter = metric === 'negativeShare' ? { ...period, label: 'neg' } : period;
        const examples = await examplePosts(deps.es, deps.config, slice, { timezone: tz, size: 3, order: metric === 'negativeShare' ? 'most_negative' : 'newest' });
        // The reader of an alert (webhook, log) sees how many posts of that period the seller-ad filter hid.
        const adsInPeriod = await countSellerAdsLeftOut(deps.es, deps.config, period, tz);
        const notice = adsInPeriod === undefined ? {} : { sellerAdsNotice: sellerAdsNotice(adsInPeriod) };
        alerts.push(burstAlert({ burst, scope, examples, raisedAt: new Date(raisedAt).toISOString(), ...notice }));
      }
    }
  }
  return { alerts, ...(sellerAdsLeftOut !== undefined ? { sellerAdsLeftOut } : {}) };
}

function groupSeries(rows: TrendRow[]): Map<string | undefined, TrendRow[]> {
  const out = new Map<string | undefined, TrendRow[]>();
  for (const row of rows) {
    const list = out.get(row.group) ?? [];
    list.push(row);
    out.set(row.group, list);
  }
  return out;
}

function groupFilter(groupBy: TrendGroupBy | undefined, group: string | undefined): PostFilter {
  if (groupBy === undefined || group === undefined) return {};
  if (groupBy === 'source') return { sourceId: group };
  if (groupBy === 'topic') return { topic: group };
  return { aspect: group };
}

function describeFilter(filter: PostFilter): string {
  const parts: string[] = [];
  if (filter.sourceId) parts.push(`source ${[filter.sourceId].flat().join(',')}`);
  if (filter.topic) parts.push(`topic ${filter.topic}`);
  if (filter.aspect) parts.push(`aspect ${filter.aspect}`);
  return parts.length > 0 ? parts.join(', ') : 'all sources';
}
