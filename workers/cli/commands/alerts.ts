/**
 * `pulse alerts run`: one alert pass (bursts in volume and negative share, crawler health from the recorded crawl
 * runs), each alert raised once, to the log and the optional webhook. `pulse alerts list`: the latest alerts.
 */
import type { PulseCommand } from '../cli-context.js';
import { createEsClient } from '../../../infra/index.js';
import { requireElasticsearch } from '../../../infra/services/require-services.js';
import { QueryError } from '../../../infra/elasticsearch/query-error.js';
import { connectionReady, producerConnection } from '../../redis-connection.js';
import { lastSourceRuns } from '../../source-runs.js';
import { runAlerts } from '../../alerts/run-alerts.js';
import { recentAlerts } from '../../alerts/alert-store.js';
import type { CrawlRunSummary } from '../../alerts/crawler-health.js';
import type { TrendGroupBy } from '../../../analysis/trends/trend-row.js';
import type { PulseConfig } from '../../../infra/config/config-fields.js';
import type { Logger } from '../../../infra/logger.js';
import { sellerAdsNotice } from '../../export/filter-options.js';

interface RunFlags {
  interval: string;
  window: string;
  recent: string;
  by?: string;
  z: string;
  minVolume: string;
  source?: string[];
  topic?: string;
  includeAds?: boolean;
  crawlHealth: boolean;
  dryRun?: boolean;
}

export const command: PulseCommand = {
  register(program, ctx) {
    const alerts = program.command('alerts').description('burst and crawler-health alerts');
    alerts
      .command('run')
      .description('one alert pass: volume / negative-share bursts (z-score vs trailing window) and crawler health; each alert once')
      .option('--interval <interval>', 'hour or day', 'day')
      .option('--window <n>', 'trailing periods forming the baseline', '7')
      .option('--recent <n>', 'latest periods judged (current one included)', '2')
      .option('--by <dimension>', 'judge one series per source, topic or aspect')
      .option('--z <threshold>', 'z-score at which a period is a burst', '3')
      .option('--min-volume <n>', 'posts a period needs before it can burst', '5')
      .option('--source <id...>', 'only these sources')
      .option('--topic <topic>', 'only this topic')
      .option('--include-ads', 'count seller advertising too (left out by default; the run says how many)')
      .option('--no-crawl-health', 'skip crawler-health alerts')
      .option('--dry-run', 'print what would be raised; record and send nothing')
      .action(async (flags: RunFlags) => {
        const config = ctx.config();
        const logger = ctx.logger();
        if (!['hour', 'day'].includes(flags.interval)) throw new QueryError('INVALID_FILTER', `--interval must be hour or day, got "${flags.interval}"`);
        if (flags.by && !['source', 'topic', 'aspect'].includes(flags.by)) throw new QueryError('INVALID_FILTER', `--by must be source, topic or aspect`);
        await requireElasticsearch(config);
        const es = createEsClient(config);
        try {
          const crawlRuns = flags.crawlHealth ? await readCrawlRuns(config, logger) : [];
          const result = await runAlerts(
            { es, config, logger },
            {
              interval: flags.interval as 'hour' | 'day',
              window: positive(flags.window, '--window'),
              recentPeriods: positive(flags.recent, '--recent'),
              ...(flags.by ? { groupBy: flags.by as TrendGroupBy } : {}),
              zThreshold: Number(flags.z),
              minVolume: positive(flags.minVolume, '--min-volume'),
              filter: {
                excludeSellerAds: !flags.includeAds,
                ...(flags.source?.length ? { sourceId: flags.source } : {}),
                ...(flags.topic ? { topic: flags.topic } : {}),
              },
              crawlRuns,
              dryRun: flags.dryRun ?? false,
            },
          );
          for (const a of result.raised) console.log(`[${a.severity}] ${a.title}\n  ${a.explanation.replace(/\n/g, '\n  ')}\n`);
          console.log(`${result.raised.length} new alert(s)${flags.dryRun ? ' (dry run)' : ''}, ${result.alreadyRaised} already raised before, ${result.deliveryFailures} webhook failure(s)`);
          if (result.sellerAdsLeftOut !== undefined) console.log(sellerAdsNotice(result.sellerAdsLeftOut));
        } finally {
          await es.close();
        }
      });
    alerts
      .command('list')
      .description('the latest recorded alerts')
      .option('--limit <n>', 'how many', '20')
      .action(async (flags: { limit: string }) => {
        const config = ctx.config();
        await requireElasticsearch(config);
        const es = createEsClient(config);
        try {
          const list = await recentAlerts(es, config.indexPrefix, positive(flags.limit, '--limit'));
          if (list.length === 0) console.log('no alerts recorded');
          for (const a of list) console.log(`${a.raisedAt}  [${a.severity}] ${a.title}${a.deliveredAt ? '' : '  (webhook pending)'}`);
        } finally {
          await es.close();
        }
      });
  },
};

async function readCrawlRuns(config: PulseConfig, logger: Logger): Promise<CrawlRunSummary[]> {
  const redis = producerConnection(config);
  try {
    await connectionReady(redis, 5000);
    return await lastSourceRuns(redis, config.queuePrefix);
  } catch (error) {
    logger.warn({ err: (error as Error).message }, 'crawler-health alerts skipped: crawl runs could not be read from Redis');
    return [];
  } finally {
    redis.disconnect();
  }
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new QueryError('INVALID_FILTER', `${flag} must be a positive integer, got "${value}"`);
  return n;
}
