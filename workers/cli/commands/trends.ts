/** `pulse trends`: volume, distinct voices, sentiment and negative share per period, as a table (or JSON). */
import type { PulseCommand } from '../cli-context.js';
import { createEsClient, formatTrendTable, queryTrends, type TrendGroupBy, type TrendInterval } from '../../../infra/index.js';
import { QueryError } from '../../../infra/elasticsearch/query-error.js';
import { countSellerAdsLeftOut } from '../../../infra/elasticsearch/seller-ads-left-out.js';
import { addFilterFlags, filterFromFlags, sellerAdsNotice, timeZoneFromFlags, type FilterFlags } from '../../export/filter-options.js';

interface TrendFlags extends FilterFlags {
  interval: string;
  by?: string;
  json?: boolean;
}

export const command: PulseCommand = {
  register(program, ctx) {
    addFilterFlags(
      program
        .command('trends')
        .description('opinion trends from Elasticsearch: volume, distinct voices, mean sentiment, negative share, top keywords, change vs previous period')
        .option('--interval <interval>', 'hour, day or week', 'day')
        .option('--by <dimension>', 'one series per source, topic or aspect')
        .option('--json', 'print rows as JSON lines instead of a table'),
    ).action(async (flags: TrendFlags) => {
      const config = ctx.config();
      const timezone = timeZoneFromFlags(flags, config.timezone);
      if (!['hour', 'day', 'week'].includes(flags.interval)) throw new QueryError('INVALID_FILTER', `--interval must be hour, day or week, got "${flags.interval}"`);
      if (flags.by && !['source', 'topic', 'aspect'].includes(flags.by)) throw new QueryError('INVALID_FILTER', `--by must be source, topic or aspect, got "${flags.by}"`);
      const es = createEsClient(config);
      try {
        const filter = filterFromFlags(flags, timezone);
        const [rows, adsLeftOut] = await Promise.all([
          queryTrends(es, config, {
            ...filter,
            interval: flags.interval as TrendInterval,
            timezone,
            ...(flags.by ? { groupBy: flags.by as TrendGroupBy } : {}),
          }),
          countSellerAdsLeftOut(es, config, filter, timezone),
        ]);
        if (flags.json) for (const row of rows) console.log(JSON.stringify(row));
        else console.log(formatTrendTable(rows));
        // Under the table it is part of the view; with --json it goes to stderr, so stdout stays JSON lines.
        if (adsLeftOut !== undefined) {
          if (flags.json) process.stderr.write(`${sellerAdsNotice(adsLeftOut)}\n`);
          else console.log(sellerAdsNotice(adsLeftOut));
        }
      } finally {
        await es.close();
      }
    });
  },
};
