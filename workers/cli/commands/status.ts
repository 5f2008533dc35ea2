/** `pulse status` — queue depths, failed jobs and dead letters, last run per source, documents in the index. */
import type { PulseCommand } from '../cli-context.js';
import { createQueues } from '../../queues.js';
import { producerConnection } from '../../redis-connection.js';
import { lastSourceRuns } from '../../source-runs.js';
import { requireServices } from '../../../infra/services/require-services.js';
import { createEsClient } from '../../../infra/elasticsearch/es-client.js';
import { postsIndexNames } from '../../../infra/elasticsearch/posts-index.js';

/**
 * Why a run's pages gave no document (seen, offTopic, notArticle…), non-zero reasons only, for a line under the
 * source's row (the row itself stays fixed-width); null when nothing was skipped.
 */
export function skippedLine(skipped: Record<string, number> | undefined): string | null {
  const counted = Object.entries(skipped ?? {}).filter(([, n]) => n > 0);
  return counted.length ? `  skipped: ${counted.map(([reason, n]) => `${reason} ${n}`).join(', ')}` : null;
}

export const command: PulseCommand = {
  register(program, ctx) {
    program
      .command('status')
      .description('queue depths, failed jobs, dead letters, last run per source, index counts')
      .option('--json', 'machine-readable output')
      .action(async (opts: { json?: boolean }) => {
        const config = ctx.config();
        await requireServices(config);
        const redis = producerConnection(config);
        const queues = createQueues(config, redis);
        const es = createEsClient(config);
        try {
          const states = ['waiting', 'active', 'delayed', 'completed', 'failed'] as const;
          const depth = Object.fromEntries(
            await Promise.all((['crawl', 'analyze', 'index', 'dead'] as const).map(async (name) => [name, await queues[name].getJobCounts(...states)] as const)),
          );
          const runs = await lastSourceRuns(redis, config.queuePrefix);
          const { alias } = postsIndexNames(config.indexPrefix);
          const exists = await es.indices.exists({ index: alias });
          const documents = exists ? (await es.count({ index: alias })).count : 0;
          if (opts.json) {
            console.log(JSON.stringify({ queues: depth, sources: runs, index: { alias, documents } }, null, 2));
            return;
          }
          console.log('queue      ' + states.map((s) => s.padStart(10)).join(''));
          for (const [name, c] of Object.entries(depth)) console.log(name.padEnd(11) + states.map((s) => String(c[s] ?? 0).padStart(10)).join(''));
          console.log('');
          console.log(runs.length ? 'source                last run (UTC)              ok   pages  docs  errors  first error' : 'no crawl runs recorded yet');
          for (const r of runs) {
            const first = r.message ? `  ${r.message.length > 200 ? `${r.message.slice(0, 199)}…` : r.message}` : '';
            console.log(`${r.sourceId.padEnd(22)}${r.finishedAt.padEnd(28)}${(r.ok ? 'yes' : 'NO').padEnd(5)}${String(r.pagesFetched).padStart(5)}${String(r.documentsEmitted).padStart(6)}${String(r.errors).padStart(8)}${first}`);
            const skipped = skippedLine(r.skipped);
            if (skipped) console.log(skipped);
          }
          console.log('');
          console.log(`index ${alias}: ${documents} documents`);
        } finally {
          await queues.close();
          redis.disconnect();
          await es.close();
        }
      });
  },
};
