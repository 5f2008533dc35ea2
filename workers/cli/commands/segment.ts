/**
 * `pulse segment [file]` — reads lines of text (a file, or stdin) and writes each line's jieba words (with the
 * micro-business dictionary) separated by single spaces: exactly the lines `npm run eval:seg` scores. Streams:
 * bounded memory for any file size; progress on stderr. Also exports `streamLines`, the line loop `pulse analyze`
 * shares.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { createTextSegmenter } from '../../../analysis/index.js';
import type { PulseCommand } from '../cli-context.js';

export interface StreamLinesOptions {
  /** File path, or undefined / '-' for stdin. */
  file: string | undefined;
  output?: Writable;
  /** Called per input line (1-based number); returns the output line without its newline. */
  transform: (line: string, lineNo: number) => string;
  label: string;
}

/** Reads lines, writes transformed lines, waits for the output to drain (so memory stays bounded), reports progress. */
export async function streamLines(options: StreamLinesOptions): Promise<number> {
  const input: Readable = options.file && options.file !== '-' ? createReadStream(options.file, { encoding: 'utf8' }) : process.stdin;
  const output = options.output ?? process.stdout;
  let closed = false;
  output.on('error', (error: NodeJS.ErrnoException) => {
    // A closed pipe (`pulse segment big.txt | head`) ends the run quietly; anything else is reported.
    closed = true;
    if (error.code !== 'EPIPE') process.stderr.write(`pulse ${options.label}: output error: ${error.message}\n`);
  });
  const lines = createInterface({ input, crlfDelay: Infinity });
  const started = Date.now();
  let lastReport = started;
  let n = 0;
  for await (const line of lines) {
    if (closed) break;
    n++;
    if (!output.write(`${options.transform(line, n)}\n`)) await new Promise<void>((resolve) => output.once('drain', resolve));
    const now = Date.now();
    if (now - lastReport >= 2000) {
      lastReport = now;
      process.stderr.write(`pulse ${options.label}: ${n} lines (${Math.round((n * 1000) / (now - started))}/s)\n`);
    }
  }
  lines.close();
  const seconds = Math.max(0.001, (Date.now() - started) / 1000);
  process.stderr.write(`pulse ${options.label}: done, ${n} lines in ${seconds.toFixed(1)} s\n`);
  return n;
}

export const command: PulseCommand = {
  register(program) {
    program
      .command('segment')
      .description('segment lines of Chinese text (file or stdin) into words separated by single spaces')
      .argument('[file]', 'input file, one text per line (default: stdin)')
      .action(async (file: string | undefined) => {
        // The same path eval:seg scores (analysis/segment-text.ts), so its F1 is the F1 of these lines.
        const segmenter = createTextSegmenter();
        await streamLines({ file, label: 'segment', transform: (line) => segmenter.line(line) });
      });
  },
};
