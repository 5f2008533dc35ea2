/** Dataset → JSON Lines (UTF-8, no BOM): one object per record with the dataset's column names, lists as arrays. */
import type { Dataset, FormatOptions, FormatWriteResult } from '../dataset.js';
import { writeDatasetLines } from './write-lines.js';

export function writeJsonl(dataset: Dataset, path: string, options: FormatOptions = {}): Promise<FormatWriteResult> {
  return writeDatasetLines(dataset, path, options, {
    line: (record) => JSON.stringify(Object.fromEntries(dataset.columns.map((c) => [c.name, record[c.name] ?? null]))) + '\n',
  });
}
