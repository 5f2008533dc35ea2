/**
 * The demo, end to end on this machine: services up → serve the bundled demo site on loopback → crawl it through the
 * real queues → analyze → index → print the daily trend table, and say where the report and Kibana are.
 * Running it twice leaves the same documents (deterministic ids + the Redis seen-set).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PulseConfig } from '../../infra/config/config-fields.js';
import type { Logger } from '../../infra/logger.js';
import { servicesUp } from '../../infra/services/services.js';
import { createEsClient } from '../../infra/elasticsearch/es-client.js';
import { ensureIndex } from '../../infra/elasticsearch/ensure-index.js';
import { requireServices } from '../../infra/services/require-services.js';
import { queryTrends, formatTrendTable } from '../../infra/index.js';
import { serveStaticSite } from '../../infra/demo-site/serve-demo-site.js';
import { loadSources } from '../../crawlers/index.js';
import { startWorkers } from '../run-workers.js';
import { RedisSeenSet } from '../../infra/redis/seen-set-store.js';
import { waitForPipeline } from './wait-for-pipeline.js';
import { writeReport } from '../export/report/write-report.js';
import { stages } from '../pipeline.js';
import { runAlertPassFully } from '../processors/alerts.processor.js';
import { configClock } from '../../infra/config/clock.js';
import { formatZoned } from '../../analysis/trends/zoned-time.js';
import { lastDemoInstant } from './last-demo-instant.js';
import { countSellerAdsLeftOut } from '../../infra/elasticsearch/seller-ads-left-out.js';
import { connectionReady, producerConnection } from '../redis-connection.js';

const demoDir = fileURLToPath(new URL('../../infra/demo-site/', import.meta.url));
export const demoSourcesFile = resolve(demoDir, 'demo.sources.yaml');

export interface DemoOptions {
  /** Start Redis/Elasticsearch when they are not running. @default true */
  startServices: boolean;
  /** Forget what was crawled from the demo site, so every page is fetched and analyzed again (same ids: no duplicates). */
  fresh?: boolean;
  reportPath: string;
  progress: (msg: string) => void;
  log: Logger;
}

export interface DemoResult {
  documents: number;
  trendTable: string;
  /** Seller ads the trend table left out. */
  sellerAdsLeftOut: number;
  reportPath: string;
}

export async function runDemo(userConfig: PulseConfig, o: DemoOptions): Promise<DemoResult> {
  // The demo site is served on loopback: let the crawler's private-address guard allow that one host.
  const config: PulseConfig = { ...userConfig, crawlAllowPrivate: '127.0.0.1' };
  const step = (n: number, msg: string): void => o.progress(`[${n}/6] ${msg}`);
  step(1, 'services');
  if (o.startServices) for (const s of await servicesUp(config, o.progress)) o.progress(`      ${s.name} ${s.url} ${s.startedByUs ? '(started)' : '(already running)'}`);
  await requireServices(config);
  const es = createEsClient(config);
  const { alias } = await ensureIndex(es, config);

  step(2, `serving the demo site on 127.0.0.1:${config.demoPort}`);
  const site = await serveStaticSite(resolve(demoDir, 'site'), { host: '127.0.0.1', port: config.demoPort });
  const workers = await startWorkers(config, { stages: ['crawl', 'analyze', 'index'], log: o.log });
  const sources = loadSources(demoSourcesFile, { baseUrl: site.baseUrl });
  try {
    if (o.fresh) {
      const seen = new RedisSeenSet(workers.redis, config.queuePrefix);
      for (const s of sources) await seen.clear(s.id);
    }
    step(3, `crawling ${sources.length} demo source(s) → analyze → index`);
    for (const s of sources) {
      await workers.queues.crawl.add(stages.crawl.queue, { sourceId: s.id, sourcesFile: demoSourcesFile, baseUrl: site.baseUrl });
    }
    let last = '';
    await waitForPipeline(workers.queues, {
      timeoutMs: 10 * 60_000,
      onProgress: (p) => {
        const line = `      queued: crawl ${p.crawl} · analyze ${p.analyze} · index ${p.index}`;
        if (line !== last) o.progress((last = line));
      },
    });
  } finally {
    await workers.close();
    await site.close();
  }

  step(4, 'indexed');
  await es.indices.refresh({ index: alias });
  const { count } = await es.count({ index: alias });
  o.progress(`      ${count} documents searchable in ${alias}`);

  step(5, 'daily trend (Asia/Shanghai), seller ads excluded');
  const trendFilter = { excludeSellerAds: true };
  const rows = await queryTrends(es, config, { ...trendFilter, interval: 'day', timezone: config.timezone });
  const trendTable = formatTrendTable(rows);
  const sellerAdsLeftOut = (await countSellerAdsLeftOut(es, config, trendFilter, config.timezone)) ?? 0;

  step(6, 'alerts and report');
  // The demo site's two weeks are fixed (2026-11-12 … 11-25): judge all fourteen days of them as of the data's own
  // last day, not the fourteen days before today, so the demo tells the same story on any day it is run.
  const lastAt = await lastDemoInstant(es, alias, sources.map((s) => s.id));
  const today = configClock(config)();
  const redis = producerConnection(config);
  try {
    await connectionReady(redis);
    if (lastAt !== undefined) {
      o.progress(`      bursts judged over the demo's own two weeks, up to its last day ${formatZoned(lastAt, config.timezone).slice(0, 10)} (today is ${formatZoned(today, config.timezone).slice(0, 10)})`);
    }
    const alerts = await runAlertPassFully({ config, es, redis, log: o.log }, { recentPeriods: 14, ...(lastAt !== undefined ? { asOf: lastAt } : {}) });
    o.progress(`      alerts: ${alerts.raised.length} new, ${alerts.alreadyRaised} raised before`);
    for (const a of alerts.raised) o.progress(`      new:    ${a.title}`);
    for (const a of alerts.raisedBefore) o.progress(`      before: ${a.title}`);
  } finally {
    redis.disconnect();
  }
  await writeReport(es, config, { out: o.reportPath });
  await es.close();
  return { documents: count, trendTable, sellerAdsLeftOut, reportPath: o.reportPath };
}
