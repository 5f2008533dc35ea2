/** `pulse export`: trend datasets or raw documents to CSV (UTF-8 BOM), JSONL or Parquet, streamed, with progress. */
import { resolve } from 'node:path';
import type { PulseCommand } from '../cli-context.js';
import { createEsClient, type TrendGroupBy, type TrendInterval } from '../../../infra/index.js';
import { QueryError } from '../../../infra/elasticsearch/query-error.js';
import { countSellerAdsLeftOut } from '../../../infra/elasticsearch/seller-ads-left-out.js';
import { addFilterFlags, filterFromFlags, sellerAdsNotice, timeZoneFromFlags, type FilterFlags } from '../../export/filter-options.js';
import { exportDataset, type ExportDatasetName, type ExportFormat } from '../../export/export-dataset.js';
import { STDOUT_TARGET } from '../../export/output-file.js';

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
        .option('--out <file>', 'output file (default exports/<dataset>-<timestamp>.<ext>); "-" = stdout (csv, jsonl)')
        .option('--interval <interval>', 'trends: hour, day or week', 'day')
        .option('--by <dimension>', 'trends: one series per source, topic or aspect'),
    ).action(async (flags: ExportFlags) => {
      const config = ctx.config();
      const timezone = timeZoneFromFlags(flags, config.timezone);
      const format = oneOf(flags.format, ['csv', 'jsonl', 'parquet'] as const, '--format');
      const dataset = oneOf(flags.dataset, ['trends', 'documents'] as const, '--dataset');
      const interval = oneOf(flags.interval, ['hour', 'day', 'week'] as const, '--interval');
      const by = flags.by ? oneOf(flags.by, ['source', 'topic', 'aspect'] as const, '--by') : undefined;
      const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
      const out = flags.out === STDOUT_TARGET ? STDOUT_TARGET : resolve(flags.out ?? `exports/${dataset}-${stamp}.${extensions[format]}`);
      const es = createEsClient(config);
      let progressShown = false;
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
          onProgress: (n, total) => {
            progressShown = true;
            process.stderr.write(`\rexporting ${dataset}: ${n}${total !== undefined ? `/${total}` : ''} records`);
          },
        });
        process.stderr.write('\n');
        // On stderr: the exported file and stdout's summary line stay as they were; the reader still sees it.
        const adsLeftOut = await countSellerAdsLeftOut(es, config, filter, timezone);
        if (adsLeftOut !== undefined) process.stderr.write(`${sellerAdsNotice(adsLeftOut)}\n`);
        const summary = `${result.records} ${dataset} records → ${out === STDOUT_TARGET ? 'stdout' : result.file} (${format}, ${result.bytes} bytes)`;
        // With --out - the data owns stdout; the summary goes where the progress goes.
        if (out === STDOUT_TARGET) process.stderr.write(summary + '\n');
        else console.log(summary);
      } catch (error) {
        // End the progress line, so the error starts on its own line.
        if (progressShown) process.stderr.write('\n');
        throw error;
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
