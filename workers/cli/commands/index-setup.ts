/**
 * `pulse index setup [--migrate]` applies the posts template and creates the versioned index behind its alias;
 * with --migrate, copies into a newer mapping version and moves the alias. `pulse index status` shows where it is.
 */
import type { PulseCommand } from '../cli-context.js';
import { createEsClient, ensureIndex, postsIndexNames } from '../../../infra/index.js';
import { migratePostsIndex } from '../../../infra/elasticsearch/migrate-posts-index.js';
import { aliasTargets } from '../../../infra/elasticsearch/ensure-index.js';
import { translateEsError } from '../../../infra/elasticsearch/translate-es-error.js';

export const command: PulseCommand = {
  register(program, ctx) {
    const index = program.command('index').description('the Elasticsearch posts index: template, versioned index, alias');
    index
      .command('setup')
      .description('apply the index template and create <prefix>-posts-v<N> behind the alias <prefix>-posts (idempotent)')
      .option('--migrate', 'if the alias points at an older version, copy it into the current one and move the alias')
      .action(async (opts: { migrate?: boolean }) => {
        const config = ctx.config();
        const es = createEsClient(config);
        try {
          if (opts.migrate) {
            const r = await migratePostsIndex(es, config, {
              logger: ctx.logger(),
              onProgress: (done, total) => void process.stderr.write(`\rcopying ${done}/${total} documents`),
            });
            if (!r.upToDate) process.stderr.write('\n');
            console.log(
              r.upToDate
                ? `${r.alias} → ${r.to} (up to date)`
                : `${r.alias} → ${r.to} (copied ${r.copied} documents from ${r.from}; delete ${r.from} when satisfied)`,
            );
          } else {
            const r = await ensureIndex(es, config);
            const current = postsIndexNames(config.indexPrefix).index;
            console.log(`${r.alias} → ${r.index} (${r.created ? 'created' : 'already there'}; template ${postsIndexNames(config.indexPrefix).template} applied)`);
            if (r.index !== current) console.log(`note: the current mapping version is ${current}; run \`pulse index setup --migrate\``);
          }
        } finally {
          await es.close();
        }
      });
    index
      .command('status')
      .description('show which index the alias points at, its document count and the mapping version')
      .action(async () => {
        const config = ctx.config();
        const es = createEsClient(config);
        const names = postsIndexNames(config.indexPrefix);
        try {
          const targets = await aliasTargets(es, names.alias);
          if (targets.length === 0) {
            console.log(`${names.alias}: missing — run \`pulse index setup\``);
            return;
          }
          const { count } = await es.count({ index: names.alias });
          console.log(`${names.alias} → ${targets.map((t) => t.index).join(', ')}: ${count} documents (current mapping version ${names.index})`);
        } catch (error) {
          throw translateEsError(error, config.elasticsearchUrl, 'reading index status');
        } finally {
          await es.close();
        }
      });
  },
};
