/** `pulse demo` — README command 1: the whole pipeline on the bundled demo site. */
import { resolve } from 'node:path';
import type { PulseCommand } from '../cli-context.js';
import { runDemo } from '../../demo/run-demo.js';
import { createLogger } from '../../../infra/logger.js';
import { sellerAdsNotice } from '../../export/filter-options.js';

export const command: PulseCommand = {
  register(program, ctx) {
    program
      .command('demo')
      .description('start the services, crawl the bundled demo site, analyze, index, print the trend table')
      .option('--no-services', 'use the configured Redis/Elasticsearch as they are; start nothing')
      .option('--report <file>', 'where to write the HTML report', '')
      .option('--fresh', 'forget what was crawled before: fetch and analyze every demo page again (same ids, no duplicates)')
      .option('--verbose', 'structured logs of every stage on stderr (default: warnings only, plus progress)')
      .action(async (opts: { services: boolean; report: string; verbose?: boolean; fresh?: boolean }) => {
        const config = ctx.config();
        const reportPath = resolve(opts.report || resolve(config.stateDir, 'report.html'));
        const progress = (msg: string): void => void process.stderr.write(`${msg}\n`);
        const result = await runDemo(config, { startServices: opts.services, fresh: opts.fresh ?? false, reportPath, progress, log: opts.verbose ? ctx.logger() : createLogger({ level: 'warn' }) });
        console.log(result.trendTable);
        console.log(`${sellerAdsNotice(result.sellerAdsLeftOut)} (\`pulse trends --include-ads\`)`);
        console.log('');
        console.log(`Documents searchable: ${result.documents} (index alias ${config.indexPrefix}-posts at ${config.elasticsearchUrl})`);
        console.log(`HTML report:          ${result.reportPath}  (open it in a browser; no Kibana needed)`);
        console.log(`Kibana:               ${config.kibanaUrl} → dashboard "Pulse — micro-business overview"`);
        console.log(`                      (Kibana needs the full Elasticsearch: \`docker compose --env-file infra/compose.env up -d\`, see README)`);
      });
  },
};
