/** `pulse export`: trend datasets or raw documents to CSV (UTF-8 BOM), JSONL or Parquet, streamed, with progress. */
import { resolve } from 'node:path';
import type { PulseCommand } from '../cli-context.js';
import { createEsClient, type TrendGroupBy, type TrendInterval } from '../../../infra/index.js';
import { QueryError } from '../../../infra/elasticsearch/query-error.js';
import { countSellerAdsLeftOut } from '../../../infra/elasticsearch/seller-ads-left-out.js';
import { addFilterFlags, filterFromFlags, sellerAdsNotice, type FilterFlags } from '../../export/filter-options.js';
import { exportDataset, type ExportDatasetName, type ExportFormat } from '../../export/export-dataset.js';

interface ExportFlags extends FilterFlags {
  dataset: string;
  format: string;
  out?: string;
  interval: string;
  by?: string;
}

const extensions: Record<ExportFormat, string> = { csv: 'csv', jsonl: 'jsonl', parquet: 'parquet' };

export const command: PulseCommand = {
  register(program, ctx) {
    addFilterFlags(
      program
        .command('export')
        .description('export trend rows or raw documents to CSV (UTF-8 with BOM), JSONL or Parquet, streamed from Elasticsearch')
        .option('--dataset <name>', 'trends or documents', 'trends')
        .option('--format <format>', 'csv, jsonl or parquet', 'csv')
        .option('--out <file>', 'output file (default exports/<dataset>-<timestamp>.<ext>)')
        .option('--interval <interval>', 'trends: hour, day or week', 'day')
        .option('--by <dimension>', 'trends: one series per source, topic or aspect'),
    ).action(async (flags: ExportFlags) => {
      const config = ctx.config();
      const timezone = flags.tz ?? config.timezone;
      const format = oneOf(flags.format, ['csv', 'jsonl', 'parquet'] as const, '--format');
      const dataset = oneOf(flags.dataset, ['trends', 'documents'] as const, '--dataset');
      const interval = oneOf(flags.interval, ['hour', 'day', 'week'] as const, '--interval');
      const by = flags.by ? oneOf(flags.by, ['source', 'topic', 'aspect'] as const, '--by') : undefined;
      const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
      const out = resolve(flags.out ?? `exports/${dataset}-${stamp}.${extensions[format]}`);
      const es = createEsClient(config);
      try {
        const filter = filterFromFlags(flags, timezone);
        const result = await exportDataset(es, config, {
          dataset: dataset as ExportDatasetName,
          format: format as ExportFormat,
          out,
          filter,
          timezone,
          interval: interval as TrendInterval,
          ...(by ? { groupBy: by as TrendGroupBy } : {}),
          onProgress: (n, total) => void process.stderr.write(`\rexporting ${dataset}: ${n}${total !== undefined ? `/${total}` : ''} records`),
        });
        process.stderr.write('\n');
        // On stderr: the exported file and stdout's summary line stay as they were; the reader still sees it.
        const adsLeftOut = await countSellerAdsLeftOut(es, config, filter, timezone);
        if (adsLeftOut !== undefined) process.stderr.write(`${sellerAdsNotice(adsLeftOut)}\n`);
        console.log(`${result.records} ${dataset} records → ${result.file} (${format}, ${result.bytes} bytes)`);
      } finally {
        await es.close();
      }
    });
  },
};

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new QueryError('INVALID_FILTER', `${flag} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}
