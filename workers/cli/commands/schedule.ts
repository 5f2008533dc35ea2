/**
 * `pulse schedule sync` — make the crawl queue's job schedulers match the sources file (create, update, remove).
 * `pulse schedule list` — the schedulers with their cron, zone and next run.
 */
import type { PulseCommand } from '../cli-context.js';
import { loadSources } from '../../../crawlers/index.js';
import { withQueues } from '../with-queues.js';
import { listSchedules, syncSchedules } from '../../schedules.js';
import type { PulseConfig } from '../../../infra/config/config-fields.js';
import type { Queue } from 'bullmq';

const withCrawlQueue = <T>(config: PulseConfig, fn: (queue: Queue) => Promise<T>): Promise<T> => withQueues(config, (queues) => fn(queues.crawl));

export const command: PulseCommand = {
  register(program, ctx) {
    const schedule = program.command('schedule').description('scheduled crawls: BullMQ job schedulers from the sources file');
    schedule
      .command('sync')
      .description('create/update a scheduler per enabled source and remove those of sources no longer configured')
      .option('--sources <file>', 'sources file (default: PULSE_SOURCES or pulse.sources.yaml)')
      .action(async (opts: { sources?: string }) => {
        const config = ctx.config();
        const file = opts.sources ?? config.sourcesFile;
        const sources = loadSources(file);
        const r = await withCrawlQueue(config, (q) => syncSchedules(q, sources, { timezone: config.timezone, sourcesFile: file }));
        const line = (label: string, ids: string[]): string => `${label.padEnd(10)}${ids.length}${ids.length ? `  ${ids.join(', ')}` : ''}`;
        console.log([line('created', r.created), line('updated', r.updated), line('unchanged', r.unchanged), line('removed', r.removed)].join('\n'));
      });
    schedule
      .command('list')
      .description('the crawl schedulers in Redis: source, cron, zone, next run')
      .option('--json', 'print JSON')
      .action(async (opts: { json?: boolean }) => {
        const config = ctx.config();
        const rows = await withCrawlQueue(config, listSchedules);
        if (opts.json) {
          console.log(JSON.stringify(rows, null, 2));
          return;
        }
        if (rows.length === 0) {
          console.log('no crawl schedules (run `pulse schedule sync`)');
          return;
        }
        for (const r of rows) console.log(`${r.sourceId.padEnd(24)} ${String(r.pattern).padEnd(20)} ${String(r.tz).padEnd(16)} next ${r.next ? new Date(r.next).toISOString() : '-'}`);
      });
  },
};
