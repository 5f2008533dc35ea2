/** `pulse dead-letters list|retry` — jobs that failed for good, with their reason and context; send them back. */
import type { PulseCommand } from '../cli-context.js';
import { createQueues } from '../../queues.js';
import { producerConnection } from '../../redis-connection.js';
import { requireRedis } from '../../../infra/services/require-services.js';
import { listDeadLetters, retryDeadLetters } from '../../dead-letters.js';
import type { StageName } from '../../pipeline.js';

export const command: PulseCommand = {
  register(program, ctx) {
    const dl = program.command('dead-letters').description('list or retry jobs that failed for good');
    const withQueues = async <T>(fn: (q: ReturnType<typeof createQueues>) => Promise<T>): Promise<T> => {
      await requireRedis(ctx.config());
      const redis = producerConnection(ctx.config());
      const queues = createQueues(ctx.config(), redis);
      try {
        return await fn(queues);
      } finally {
        await queues.close();
        redis.disconnect();
      }
    };
    dl.command('list')
      .description('show dead letters (stage, job, code, reason, context)')
      .option('--limit <n>', 'how many', '100')
      .option('--json', 'one JSON object per line')
      .action(async (opts: { limit: string; json?: boolean }) => {
        const letters = await withQueues((q) => listDeadLetters(q, Number(opts.limit)));
        for (const l of letters) {
          if (opts.json) console.log(JSON.stringify({ ...l, data: undefined }));
          else console.log(`${l.id}  ${l.stage.padEnd(7)} ${l.code.padEnd(18)} ${l.failedAt}  ${Object.entries(l.context).map(([k, v]) => `${k}=${v}`).join(' ')}  ${l.message}`);
        }
        if (!opts.json) console.error(`${letters.length} dead letter(s)`);
      });
    dl.command('retry')
      .description('send dead letters back to their stage')
      .option('--stage <stage>', 'only this stage (crawl|analyze|index)')
      .option('--id <id>', 'only this dead letter (or original job id)')
      .action(async (opts: { stage?: StageName; id?: string }) => {
        const n = await withQueues((q) => retryDeadLetters(q, { ...(opts.stage ? { stage: opts.stage } : {}), ...(opts.id ? { id: opts.id } : {}) }));
        console.log(`re-queued ${n} job(s)`);
      });
  },
};
