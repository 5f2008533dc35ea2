/**
 * `pulse workers` — a long-running worker process. Run as many as you like, on as many machines, against one Redis
 * and one Elasticsearch. SIGINT/SIGTERM drain: no new jobs, active jobs finish within PULSE_SHUTDOWN_TIMEOUT_MS.
 */
import type { PulseCommand } from '../cli-context.js';
import { startWorkers } from '../../run-workers.js';
import { requireElasticsearch, requireRedis } from '../../../infra/services/require-services.js';
import { workerRoles, type WorkerRole } from '../../pipeline.js';
import { setHeapGrowingPercent } from '../../heap-growth.js';

export const command: PulseCommand = {
  register(program, ctx) {
    program
      .command('workers')
      .description('run crawl, analyze, index and alert workers until SIGINT/SIGTERM')
      .option('--stages <list>', 'comma-separated subset of crawl,analyze,index,alerts', workerRoles.join(','))
      .action(async (opts: { stages: string }) => {
        const config = ctx.config();
        const log = ctx.logger();
        const stages = opts.stages.split(',').map((s) => s.trim()) as WorkerRole[];
        const unknown = stages.filter((s) => !workerRoles.includes(s));
        if (unknown.length) throw Object.assign(new Error(`unknown stage(s): ${unknown.join(', ')}`), { code: 'USAGE' });
        setHeapGrowingPercent(config.workerHeapGrowingPercent);
        await requireRedis(config);
        // Only the index and alert roles talk to Elasticsearch; a crawl or analyze worker neither needs it nor loads its client.
        if (stages.includes('index') || stages.includes('alerts')) await requireElasticsearch(config);
        const running = await startWorkers(config, { stages, log });
        await new Promise<void>((resolve) => {
          const stop = (signal: string): void => {
            log.info({ signal }, 'draining workers');
            void running.close().then(resolve);
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        log.info('workers stopped');
        // A job handed back at the shutdown timeout (a crawl mid-run) may still hold sockets and timers here; it is
        // queued again already, so nothing of value is left in this process and the exit must not wait for it.
        process.exit(0);
      });
  },
};
