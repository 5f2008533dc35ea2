/**
 * `pulse kibana import [--url]` imports the data view, visualizations and dashboard into Kibana (overwriting the
 * same ids); `pulse kibana write` regenerates infra/kibana/saved-objects.ndjson from infra/kibana/saved-objects.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PulseCommand } from '../cli-context.js';
import { buildSavedObjects, dashboardTitle, toNdjson } from '../../../infra/kibana/saved-objects.js';
import { importSavedObjects } from '../../../infra/kibana/import-saved-objects.js';
import { postsIndexNames } from '../../../infra/elasticsearch/posts-index.js';

export const savedObjectsFile = fileURLToPath(new URL('../../../infra/kibana/saved-objects.ndjson', import.meta.url));

export const command: PulseCommand = {
  register(program, ctx) {
    const kibana = program.command('kibana').description('Kibana saved objects: data view, visualizations, dashboard');
    kibana
      .command('import')
      .description('import the saved objects into Kibana (POST /api/saved_objects/_import?overwrite=true)')
      .option('--url <url>', 'Kibana URL, credentials allowed in it (default: config kibanaUrl)')
      .option('--space <id>', 'Kibana space (default space when absent)')
      .option('--file <ndjson>', 'import this NDJSON instead of the objects built for the configured index prefix')
      .action(async (opts: { url?: string; space?: string; file?: string }) => {
        const config = ctx.config();
        const ndjson = opts.file ? readFileSync(opts.file, 'utf8') : toNdjson(buildSavedObjects(postsIndexNames(config.indexPrefix).alias));
        const kibanaUrl = opts.url ?? config.kibanaUrl;
        const result = await importSavedObjects({ kibanaUrl, ndjson, ...(opts.space ? { space: opts.space } : {}) });
        for (const e of result.errors) console.error(`  ${e.type} ${e.id}: ${e.error.type}${e.error.message ? ` — ${e.error.message}` : ''}`);
        const shown = new URL(kibanaUrl);
        shown.username = '';
        shown.password = '';
        console.log(`${result.successCount} saved objects imported${result.success ? '' : ' (with errors, see above)'}; open ${shown.origin}/app/dashboards → "${dashboardTitle}"`);
        if (!result.success) process.exitCode = 1;
      });
    kibana
      .command('write')
      .description('regenerate infra/kibana/saved-objects.ndjson (for the default prefix "pulse") from infra/kibana/saved-objects.ts')
      .action(() => {
        writeFileSync(savedObjectsFile, toNdjson(buildSavedObjects()));
        console.log(`wrote ${savedObjectsFile}`);
      });
  },
};
