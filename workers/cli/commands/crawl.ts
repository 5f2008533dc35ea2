/** `pulse crawl` — enqueue crawl runs of configured sources now (workers pick them up, on any machine). */
import { resolve } from 'node:path';
import type { PulseCommand } from '../cli-context.js';
import { sourceHash } from '../../source-hash.js';
import { loadSources } from '../../../crawlers/index.js';
import { withQueues } from '../with-queues.js';
import { stages } from '../../pipeline.js';

export const command: PulseCommand = {
  register(program, ctx) {
    program
      .command('crawl')
      .description('enqueue a crawl of the given sources (or --all) from the sources file')
      .argument('[sourceIds...]', 'source ids from the sources file')
      .option('--all', 'every source in the file')
      .option('--sources <file>', 'sources file (default: PULSE_SOURCES or pulse.sources.yaml)')
      .action(async (ids: string[], opts: { all?: boolean; sources?: string }) => {
        const config = ctx.config();
        // Absolute: the workers read this very file (not their own PULSE_SOURCES), on their machine and from their cwd.
        const file = resolve(opts.sources ?? config.sourcesFile);
        const sources = loadSources(file);
        const chosen = opts.all ? sources : sources.filter((s) => ids.includes(s.id));
        const missing = ids.filter((id) => !sources.some((s) => s.id === id));
        if (missing.length) throw Object.assign(new Error(`unknown source id(s) in ${file}: ${missing.join(', ')}`), { code: 'USAGE' });
        if (chosen.length === 0) throw Object.assign(new Error('name source ids or pass --all'), { code: 'USAGE' });
        await withQueues(config, async (queues) => {
          for (const s of chosen) {
            const job = await queues.crawl.add(stages.crawl.queue, { sourceId: s.id, sourcesFile: file, sourceHash: sourceHash(s) });
            console.log(`queued crawl of ${s.id} (job ${job.id}) from ${file}`);
          }
          if (file !== resolve(config.sourcesFile)) {
            process.stderr.write(`pulse: workers crawl these sources from ${file}, not from their own sources file; a worker without this file, or with another version of it, fails the job (SOURCE_FILE_UNREADABLE, SOURCE_MISMATCH — see pulse dead-letters list)\n`);
          }
        });
      });
  },
};
