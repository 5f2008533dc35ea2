/** `pulse report --out report.html`: one self-contained HTML file with the dashboard's views, for people without Kibana. */
import { resolve } from 'node:path';
import type { PulseCommand } from '../cli-context.js';
import { createEsClient, type TrendInterval } from '../../../infra/index.js';
import { QueryError } from '../../../infra/elasticsearch/query-error.js';
import { addFilterFlags, filterFromFlags, sellerAdsNotice, type FilterFlags } from '../../export/filter-options.js';
import { writeReport } from '../../export/report/write-report.js';

export const command: PulseCommand = {
  register(program, ctx) {
    addFilterFlags(
      program
        .command('report')
        .description('write a self-contained HTML report (charts inline, no CDN): volume, sentiment, negative share by aspect, keywords, sources, latest negative posts')
        .option('--out <file>', 'output file', 'report.html')
        .option('--interval <interval>', 'hour, day or week (default: by the length of the range)'),
    ).action(async (flags: FilterFlags & { out: string; interval?: string }) => {
      const config = ctx.config();
      const timezone = flags.tz ?? config.timezone;
      if (flags.interval && !['hour', 'day', 'week'].includes(flags.interval)) throw new QueryError('INVALID_FILTER', `--interval must be hour, day or week`);
      const es = createEsClient(config);
      try {
        process.stderr.write('querying Elasticsearch…\n');
        const result = await writeReport(es, config, {
          out: resolve(flags.out),
          filter: filterFromFlags(flags, timezone),
          timezone,
          ...(flags.interval ? { interval: flags.interval as TrendInterval } : {}),
        });
        console.log(`report → ${result.out} (${result.documents} documents, ${Math.round(result.bytes / 1024)} KB, open it in any browser)`);
        if (result.sellerAdsLeftOut !== null) console.log(sellerAdsNotice(result.sellerAdsLeftOut));
      } finally {
        await es.close();
      }
    });
  },
};
