/** Writes text to a file stream honouring back-pressure, counting bytes; the shared sink of the CSV and JSONL writers. */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

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
