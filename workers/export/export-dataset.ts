/**
 * `pulse export` in one call: picks the dataset (trend rows via composite aggregation, or raw documents via PIT +
 * search_after), the format writer (CSV with BOM, JSONL, Parquet), streams one into the other and reports progress.
 * A failed write throws ExportWriteError (path and cause) and leaves no file that looks complete.
 */
import type { Client } from '@elastic/elasticsearch';
import type { TrendGroupBy, TrendInterval } from '../../analysis/trends/trend-row.js';
import type { PulseConfig } from '../../infra/config/config-fields.js';
import type { PostFilter } from '../../infra/elasticsearch/post-filter.js';
import { streamDocuments } from '../../infra/elasticsearch/stream-documents.js';
import { streamTrendRows } from '../../infra/elasticsearch/stream-trend-rows.js';
import type { Dataset, FormatOptions, FormatWriteResult } from './dataset.js';
import { documentDataset } from './document-dataset.js';
import { trendDataset } from './trend-dataset.js';
import { writeCsv } from './formats/csv-bom.js';
import { writeJsonl } from './formats/jsonl.js';
import { writeParquet } from './formats/parquet.js';
import { STDOUT_TARGET, writeOutput } from './output-file.js';
import { QueryError } from '../../infra/elasticsearch/query-error.js';

export type ExportFormat = 'csv' | 'jsonl' | 'parquet';
export type ExportDatasetName = 'trends' | 'documents';

export interface ExportOptions {
  dataset: ExportDatasetName;
  format: ExportFormat;
  /** The file to write, or "-" for stdout (csv and jsonl). Written to a temporary file and renamed at the end. */
  out: string;
  filter: PostFilter;
  timezone: string;
  /** Trends only. @default 'day' */
  interval?: TrendInterval;
  groupBy?: TrendGroupBy;
  /** Records written so far, and the total when known (documents). */
  onProgress?: (records: number, total?: number) => void;
}

export interface ExportResult extends FormatWriteResult {
  file: string;
  dataset: ExportDatasetName;
  format: ExportFormat;
}

const writers: Record<ExportFormat, (d: Dataset, path: string, o: FormatOptions) => Promise<FormatWriteResult>> = {
  csv: writeCsv,
  jsonl: writeJsonl,
  parquet: writeParquet,
};

export async function exportDataset(es: Client, config: Pick<PulseConfig, 'indexPrefix' | 'elasticsearchUrl'>, options: ExportOptions): Promise<ExportResult> {
  let total: number | undefined;
  const meta: Record<string, string> = {
    'pulse.dataset': options.dataset,
    'pulse.exported_at': new Date().toISOString(),
    'pulse.timezone': options.timezone,
    'pulse.filter': JSON.stringify(options.filter),
  };
  let dataset: Dataset;
  if (options.dataset === 'trends') {
    const interval = options.interval ?? 'day';
    meta['pulse.interval'] = interval;
    if (options.groupBy) meta['pulse.group_by'] = options.groupBy;
    const rows = streamTrendRows(es, config, { ...options.filter, interval, timezone: options.timezone, ...(options.groupBy ? { groupBy: options.groupBy } : {}) });
    dataset = trendDataset(rows, meta);
  } else {
    const docs = streamDocuments(es, config, options.filter, { timezone: options.timezone, onTotal: (n) => (total = n) });
    dataset = documentDataset(docs, meta);
  }
  if (options.out === STDOUT_TARGET && options.format === 'parquet') {
    throw new QueryError('INVALID_FILTER', 'parquet cannot be written to stdout (--out -): its footer is written last and readers seek to it; give a file');
  }
  // Written beside the target and renamed at the end: a failure (disk full, Elasticsearch gone) leaves no half file.
  const result = await writeOutput(options.out, (path) => writers[options.format](dataset, path, { onRecords: (n) => options.onProgress?.(n, total) }));
  return { ...result, file: options.out, dataset: options.dataset, format: options.format };
}
