/** `pulse report --out report.html`: one self-contained HTML file with the dashboard's views, for people without Kibana. */
import { resolve } from 'node:path';
import type { PulseCommand } from '../cli-context.js';
import { createEsClient, type TrendInterval } from '../../../infra/index.js';
import { QueryError } from '../../../infra/elasticsearch/query-error.js';
import { addFilterFlags, filterFromFlags, sellerAdsNotice, timeZoneFromFlags, type FilterFlags } from '../../export/filter-options.js';
import { writeReport } from '../../export/report/write-report.js';
import { STDOUT_TARGET } from '../../export/output-file.js';

export const command: PulseCommand = {
  register(program, ctx) {
    addFilterFlags(
      program
        .command('report')
        .description('write a self-contained HTML report (charts inline, no CDN): volume, sentiment, negative share by aspect, keywords, sources, latest negative posts')
        .option('--out <file>', 'output file ("-" = stdout)', 'report.html')
        .option('--interval <interval>', 'hour, day or week (default: by the length of the range)'),
    ).action(async (flags: FilterFlags & { out: string; interval?: string }) => {
      const config = ctx.config();
      const timezone = timeZoneFromFlags(flags, config.timezone);
      if (flags.interval && !['hour', 'day', 'week'].includes(flags.interval)) throw new QueryError('INVALID_FILTER', `--interval must be hour, day or week`);
      const es = createEsClient(config);
      try {
        process.stderr.write('querying Elasticsearch…\n');
        const result = await writeReport(es, config, {
          out: flags.out === STDOUT_TARGET ? STDOUT_TARGET : resolve(flags.out),
          filter: filterFromFlags(flags, timezone),
          timezone,
          ...(flags.interval ? { interval: flags.interval as TrendInterval } : {}),
        });
        const summary = `report → ${result.out === STDOUT_TARGET ? 'stdout' : result.out} (${result.documents} documents, ${Math.round(result.bytes / 1024)} KB, open it in any browser)`;
        // With --out - the report owns stdout; the summary and the notice go to stderr.
        const say = (line: string): void => {
          if (result.out === STDOUT_TARGET) process.stderr.write(line + '\n');
          else console.log(line);
        };
        say(summary);
        if (result.sellerAdsLeftOut !== null) say(sellerAdsNotice(result.sellerAdsLeftOut));
      } finally {
        await es.close();
      }
    });
  },
};
