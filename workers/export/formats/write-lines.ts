/** Writes text to a file stream honouring back-pressure, counting bytes; the shared sink of the CSV and JSONL writers. */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { STDOUT_TARGET } from '../output-file.js';
import type { Dataset, FormatOptions, FormatWriteResult, DatasetRecord } from '../dataset.js';

export interface LineSink {
  write(text: string): Promise<void>;
  /** Flushes and closes; rejects with the first write error. */
  close(): Promise<number>;
  /** Gives up: closes the file without flushing what is buffered. */
  destroy(): Promise<void>;
}

/** `path` "-" writes to fd 1 (stdout) through a stream of its own, so its EPIPE is ours to report, and leaves it open. */
export function openLineSink(path: string): LineSink {
  const stream: WriteStream = path === STDOUT_TARGET ? createWriteStream('', { fd: 1, autoClose: false, encoding: 'utf8' }) : createWriteStream(path, { encoding: 'utf8' });
  let bytes = 0;
  let failed: Error | undefined;
  stream.on('error', (error) => (failed ??= error));
  // Settles on 'finish' or on the first error, even one that came before anyone waited: waiting for 'finish' or
  // 'drain' alone hangs for good after a write error (the exit-0-with-nothing-written bug of issue #15).
  const settled = finished(stream);
  settled.catch(() => undefined);
  return {
    async write(text) {
      if (failed) throw failed;
      bytes += Buffer.byteLength(text, 'utf8');
      if (!stream.write(text)) await Promise.race([once(stream, 'drain'), settled]);
      if (failed) throw failed;
    },
    async close() {
      if (!failed) stream.end();
      await settled;
      if (failed) throw failed;
      return bytes;
    },
    async destroy() {
      stream.destroy();
      await settled.catch(() => undefined);
    },
  };
}

/**
 * The one record loop of the line formats: an optional header, then one line per record, progress every 500 records
 * and at the end; the file is closed on failure too (the caller removes it: see output-file.ts).
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
    await sink.destroy();
    throw error;
  }
  const bytes = await sink.close();
  options.onRecords?.(records);
  return { records, bytes };
}
