/**
 * `pulse export` in one call: picks the dataset (trend rows via composite aggregation, or raw documents via PIT +
 * search_after), the format writer (CSV with BOM, JSONL, Parquet), streams one into the other and reports progress.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
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

export type ExportFormat = 'csv' | 'jsonl' | 'parquet';
export type ExportDatasetName = 'trends' | 'documents';

export interface ExportOptions {
  dataset: ExportDatasetName;
  format: ExportFormat;
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
  mkdirSync(dirname(options.out), { recursive: true });
  const result = await writers[options.format](dataset, options.out, { onRecords: (n) => options.onProgress?.(n, total) });
  return { ...result, file: options.out, dataset: options.dataset, format: options.format };
}
