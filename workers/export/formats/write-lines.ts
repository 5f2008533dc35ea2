/** Writes text to a file stream honouring back-pressure, counting bytes; the shared sink of the CSV and JSONL writers. */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Dataset, FormatOptions, FormatWriteResult, DatasetRecord } from '../dataset.js';

export interface LineSink {
  write(text: string): Promise<void>;
  close(): Promise<number>;
}

export function openLineSink(path: string): LineSink {
  const stream: WriteStream = createWriteStream(path, { encoding: 'utf8' });
  let bytes = 0;
  let failed: Error | undefined;
  stream.on('error', (error) => (failed = error));
  return {
    async write(text) {
      if (failed) throw failed;
      bytes += Buffer.byteLength(text, 'utf8');
      if (!stream.write(text)) await once(stream, 'drain');
    },
    async close() {
      stream.end();
      await once(stream, 'finish');
      if (failed) throw failed;
      return bytes;
    },
  };
}

/**
 * The one record loop of the line formats: an optional header, then one line per record, progress every 500 records
 * and at the end; the file is closed on failure too.
 */
export async function writeDatasetLines(
  dataset: Dataset,
  path: string,
  options: FormatOptions,
  format: { header?: string; line: (record: DatasetRecord) => string },
): Promise<FormatWriteResult> {
  const sink = openLineSink(path);
  let records = 0;
  try {
    if (format.header !== undefined) await sink.write(format.header);
    for await (const record of dataset.records) {
      await sink.write(format.line(record));
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
