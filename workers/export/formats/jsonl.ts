/** Dataset → JSON Lines (UTF-8, no BOM): one object per record with the dataset's column names, lists as arrays. */
import type { Dataset, FormatOptions, FormatWriteResult } from '../dataset.js';
import { openLineSink } from './write-lines.js';

export async function writeJsonl(dataset: Dataset, path: string, options: FormatOptions = {}): Promise<FormatWriteResult> {
  const sink = openLineSink(path);
  let records = 0;
  try {
    for await (const record of dataset.records) {
      const ordered = Object.fromEntries(dataset.columns.map((c) => [c.name, record[c.name] ?? null]));
      await sink.write(JSON.stringify(ordered) + '\n');
      if (++records % 500 === 0) options.onRecords?.(records);
    }
  } catch (error) {
    await sink.close().catch(() => 0);
    throw error;
  }
  const bytes = await sink.close();
  options.onRecords?.(records);
  return { records, bytes };
}
