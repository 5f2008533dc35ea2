import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ExportWriteError, writeOutput } from '../../../workers/export/output-file.js';
import { openLineSink } from '../../../workers/export/formats/write-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'pulse-output-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeOutput', () => {
  it('writes beside the target and renames at the end', async () => {
    const target = join(dir, 'a.csv');
    const seen: string[] = [];
    await writeOutput(target, async (path) => {
      seen.push(path);
      writeFileSync(path, 'done');
      expect(readdirSync(dir)).not.toContain('a.csv');
    });
    expect(seen[0]).toMatch(/\/\.a\.csv\.\d+-[0-9a-f]{8}\.part$/);
    expect(readFileSync(target, 'utf8')).toBe('done');
    expect(readdirSync(dir)).toEqual(['a.csv']);
  });

  it('on any failure removes the temporary file, keeps the old target and passes non-file errors through', async () => {
    const target = join(dir, 'a.csv');
    const boom = new Error('Elasticsearch went away');
    await expect(writeOutput(target, async (path) => {
      writeFileSync(path, 'half');
      throw boom;
    })).rejects.toBe(boom);
    expect(readFileSync(target, 'utf8')).toBe('done');
    expect(readdirSync(dir)).toEqual(['a.csv']);
  });

  it('turns a file-system error into one line with the path, the cause and what was left', async () => {
    const target = join(dir, 'a.csv');
    const error = await writeOutput(target, async () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportWriteError);
    expect((error as ExportWriteError).code).toBe('EXPORT_WRITE_FAILED');
    expect((error as Error).message).toBe(`cannot write ${target}: no space left on the device (ENOSPC); ${target} was left as it was`);
    expect((error as ExportWriteError).context).toEqual({ path: target, cause: 'ENOSPC' });
  });
});

describe('an interrupted export', () => {
  it('removes its temporary file on SIGINT and still ends by the signal, the target untouched', async () => {
    const where = join(dir, 'interrupted');
    mkdirSync(where);
    writeFileSync(join(where, 'out.csv'), 'old');
    const module = fileURLToPath(new URL('../../../workers/export/output-file.ts', import.meta.url));
    // .mts: outside a "type": "module" package a .ts file would be run as CommonJS, without top-level await.
    const child = join(where, '..', 'interrupted-child.mts');
    // Writes a byte to the temporary file, says so, then waits for ever: only the signal ends it.
    writeFileSync(
      child,
      `import { writeFileSync } from 'node:fs';\nimport { writeOutput } from ${JSON.stringify(module)};\n` +
        `await writeOutput(${JSON.stringify(join(where, 'out.csv'))}, async (path) => { writeFileSync(path, 'x'); process.stdout.write('ready\\n'); await new Promise(() => setInterval(() => undefined, 1000)); });\n`,
    );
    const proc = spawn(process.execPath, ['--import', 'tsx', child], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<[number | null, string | null]>((resolve) => proc.on('exit', (code, sig) => resolve([code, sig])));
    const ready = new Promise<void>((resolve) => proc.stdout.on('data', (b: Buffer) => b.toString().includes('ready') && resolve()));
    await Promise.race([ready, exited.then(([code]) => Promise.reject(new Error(`child ended before it was ready (exit ${code})`)))]);
    expect(readdirSync(where).filter((f) => f.endsWith('.part'))).toHaveLength(1);
    proc.kill('SIGINT');
    const [, signal] = await exited;
    expect(signal).toBe('SIGINT');
    expect(readdirSync(where)).toEqual(['out.csv']);
    expect(readFileSync(join(where, 'out.csv'), 'utf8')).toBe('old');
  });
});

describe('openLineSink', () => {
  it('rejects on a write error instead of waiting for a finish that never comes', async () => {
    const sink = openLineSink('/dev/full');
    const attempt = (async () => {
      for (let i = 0; i < 10_000; i++) await sink.write('x'.repeat(1000) + '\n');
      return sink.close();
    })();
    await expect(attempt).rejects.toMatchObject({ code: 'ENOSPC' });
  });

  it('rejects on close when the only write failed after it was buffered', async () => {
    const sink = openLineSink('/dev/full');
    await sink.write('one short line\n');
    await expect(sink.close()).rejects.toMatchObject({ code: 'ENOSPC' });
  });
});
