/** `pulse dead-letters list|retry` — jobs that failed for good, with their reason and context; send them back. */
import type { PulseCommand } from '../cli-context.js';
import { withQueues } from '../with-queues.js';
import { listDeadLetters, retryDeadLetters, retryStalledFailures, stalledFailures } from '../../dead-letters.js';
import type { StageName } from '../../pipeline.js';

export const command: PulseCommand = {
  register(program, ctx) {
    const dl = program.command('dead-letters').description('list or retry jobs that failed for good (dead letters, and jobs failed by stalling)');
    dl.command('list')
      .description('show dead letters (stage, job, code, reason, context)')
      .option('--limit <n>', 'how many', '100')
      .option('--json', 'one JSON object per line')
      .action(async (opts: { limit: string; json?: boolean }) => {
        // One connection for both lists: dead letters, and jobs BullMQ failed by stalling.
        const [letters, stalled] = await withQueues(ctx.config(), (q) => Promise.all([listDeadLetters(q, Number(opts.limit)), stalledFailures(q)]));
        for (const l of letters) {
          if (opts.json) console.log(JSON.stringify({ ...l, data: undefined }));
          else console.log(`${l.id}  ${l.stage.padEnd(7)} ${l.code.padEnd(18)} ${l.failedAt}  ${Object.entries(l.context).map(([k, v]) => `${k}=${v}`).join(' ')}  ${l.message}`);
        }
        for (const { stage, job } of stalled) {
          if (opts.json) console.log(JSON.stringify({ stage, jobId: job.id, code: 'STALLED', message: job.failedReason }));
          else console.log(`${String(job.id)}  ${stage.padEnd(7)} ${'STALLED'.padEnd(18)} ${new Date(job.finishedOn ?? 0).toISOString()}  ${job.failedReason}`);
        }
        if (!opts.json) console.error(`${letters.length} dead letter(s), ${stalled.length} job(s) failed by stalling`);
      });
    dl.command('retry')
      .description('send dead letters back to their stage')
      .option('--stage <stage>', 'only this stage (crawl|analyze|index)')
      .option('--id <id>', 'only this dead letter (or original job id)')
      .action(async (opts: { stage?: StageName; id?: string }) => {
        const [n, stalled] = await withQueues(ctx.config(), async (q) => [
          await retryDeadLetters(q, { ...(opts.stage ? { stage: opts.stage } : {}), ...(opts.id ? { id: opts.id } : {}) }),
          opts.id ? 0 : await retryStalledFailures(q, opts.stage),
        ]);
        console.log(`re-queued ${n + stalled} job(s)${stalled ? ` (${stalled} that had failed by stalling)` : ''}`);
      });
  },
};
