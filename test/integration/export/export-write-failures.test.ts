/**
 * A failed write never looks like success (issue #15.4): the real `pulse export` and `pulse report` against the real
 * Elasticsearch, writing to /dev/full, a directory, a place even root cannot write (/sys) and a path whose parent is a
 * file. Each exits 1 with one line naming the path and the cause, no stack trace, and leaves no file behind; an existing
 * target survives a failed run unchanged, and a successful run leaves no temporary file.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNamespace } from '../../helpers/test-namespace.js';
import { makeAnalyzedDocument } from '../../helpers/make-analyzed-document.js';
import { dropNamespace } from '../../helpers/drop-namespace.js';
import { repoRoot } from '../../faults/worker-process.js';
import { createEsClient, ensureIndex, indexDocuments } from '../../../infra/index.js';

const exec = promisify(execFile);
const ns = testNamespace('export-fail');
const es = createEsClient(ns.config);
const dir = mkdtempSync(join(tmpdir(), 'pulse-export-fail-'));
const docs = Array.from({ length: 30 }, (_, i) => makeAnalyzedDocument({ n: i, publishedAt: `2026-11-${String(10 + (i % 8)).padStart(2, '0')}T10:00:00+08:00` }));

async function pulse(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return exec(process.execPath, ['workers/cli/pulse.mjs', ...args], {
    cwd: repoRoot,
    env: { ...process.env, PULSE_INDEX_PREFIX: ns.config.indexPrefix, PULSE_LOG_LEVEL: 'warn', ...env },
    timeout: 60_000,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
  );
}

/** One line a user reads, not a stack trace. */
function expectOneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.split('\n').filter((l) => l.startsWith('pulse:'));
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

const leftovers = (where: string): string[] => readdirSync(where).filter((f) => f.endsWith('.part'));

beforeAll(async () => {
  await ensureIndex(es, ns.config);
  expect((await indexDocuments(es, ns.config, docs, { refresh: true })).failed).toEqual([]);
});

afterAll(async () => {
  await dropNamespace(es, ns.config.indexPrefix);
  await es.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('pulse export when the write fails', () => {
  for (const format of ['csv', 'jsonl', 'parquet'] as const) {
    it(`${format} to /dev/full: exit 1, "no space left", ENOSPC`, async () => {
      const r = await pulse(['export', '--dataset', 'documents', '--format', format, '--out', '/dev/full']);
      expect(r.code).toBe(1);
      expectOneLine(r.stderr, /^pulse: cannot write \/dev\/full: no space left on the device \(ENOSPC\); what was written is incomplete$/);
      expect(r.stdout).not.toMatch(/records →/);
    });
  }

  it('to a directory: EISDIR, and nothing is written into the directory', async () => {
    const target = join(dir, 'a-directory');
    mkdirSync(target);
    const r = await pulse(['export', '--format', 'csv', '--out', target]);
    expect(r.code).toBe(1);
    expectOneLine(r.stderr, new RegExp(`^pulse: cannot write ${target}: it is a directory \\(EISDIR\\); no file was written$`));
    expect(readdirSync(target)).toEqual([]);
    expect(leftovers(dir)).toEqual([]);
  });

  it('where even root may not create files (/sys): EACCES', async () => {
    const r = await pulse(['export', '--format', 'jsonl', '--out', '/sys/pulse-export.jsonl']);
    expect(r.code).toBe(1);
    expectOneLine(r.stderr, /^pulse: cannot write \/sys\/pulse-export\.jsonl: permission denied \(EACCES\); no file was written$/);
    expect(existsSync('/sys/pulse-export.jsonl')).toBe(false);
  });

  it('under a path whose parent is a file: ENOTDIR', async () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'not a directory');
    const r = await pulse(['export', '--format', 'parquet', '--out', join(file, 'out.parquet')]);
    expect(r.code).toBe(1);
    expectOneLine(r.stderr, /cannot write .*plain-file\/out\.parquet: a part of the path is not a directory \(ENOTDIR\); no file was written$/);
    expect(readFileSync(file, 'utf8')).toBe('not a directory');
  });

  it('leaves an existing target as it was when the export fails half way, with no temporary file', async () => {
    const target = join(dir, 'kept.csv');
    writeFileSync(target, 'yesterday,s export\r\n');
    // The file is opened first, then Elasticsearch answers that the index is missing: the run fails mid-write.
    const r = await pulse(['export', '--dataset', 'documents', '--format', 'csv', '--out', target], { PULSE_INDEX_PREFIX: `${ns.config.indexPrefix}-missing` });
    expect(r.code).toBe(1);
    expectOneLine(r.stderr, /no such index/);
    expect(readFileSync(target, 'utf8')).toBe('yesterday,s export\r\n');
    expect(leftovers(dir)).toEqual([]);
  });

  it('replaces the target in one step when it succeeds, leaving no temporary file', async () => {
    const target = join(dir, 'kept.csv');
    const r = await pulse(['export', '--dataset', 'documents', '--format', 'csv', '--out', target]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^30 documents records → ${target} \\(csv, \\d+ bytes\\)`));
    expect(readFileSync(target, 'utf8').trim().split('\r\n')).toHaveLength(31);
    expect(leftovers(dir)).toEqual([]);
  });

  it('writes jsonl to stdout with --out -, keeping the summary on stderr; parquet refuses stdout', async () => {
    const r = await pulse(['export', '--dataset', 'documents', '--format', 'jsonl', '--out', '-']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(30);
    expect(r.stderr).toMatch(/30 documents records → stdout \(jsonl, \d+ bytes\)/);
    const p = await pulse(['export', '--format', 'parquet', '--out', '-']);
    expect(p.code).toBe(1);
    expectOneLine(p.stderr, /^pulse: parquet cannot be written to stdout/);
  });

  it('stops with EPIPE and exit 1 when the reader of stdout goes away', async () => {
    const child = spawn(process.execPath, ['workers/cli/pulse.mjs', 'export', '--dataset', 'documents', '--format', 'jsonl', '--out', '-'], {
      cwd: repoRoot,
      env: { ...process.env, PULSE_INDEX_PREFIX: ns.config.indexPrefix, PULSE_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reader is gone before the first record is written, as when `| head` has read all it wanted.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expectOneLine(stderr, /^pulse: cannot write stdout: the reader closed the pipe \(EPIPE\); what was written is incomplete$/);
  });
});

describe('pulse report when the write fails', () => {
  it('to /dev/full or a directory: exit 1 with the path and the cause', async () => {
    const full = await pulse(['report', '--out', '/dev/full']);
    expect(full.code).toBe(1);
    expectOneLine(full.stderr, /^pulse: cannot write \/dev\/full: no space left on the device \(ENOSPC\)/);
    const r = await pulse(['report', '--out', dir]);
    expect(r.code).toBe(1);
    expectOneLine(r.stderr, new RegExp(`^pulse: cannot write ${dir}: it is a directory \\(EISDIR\\); no file was written$`));
    expect(full.stdout + r.stdout).not.toMatch(/report →/);
  });
  it('writes to stdout with --out -, the summary on stderr', async () => {
    const r = await pulse(['report', '--out', '-']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^<!doctype html>/);
    expect(r.stderr).toMatch(/report → stdout \(30 documents/);
  });
});
