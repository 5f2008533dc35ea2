/**
 * Hiding ads must not hide people silently: every `pulse` view that leaves seller ads out says how many it left out
 * (over the same filter) and how to include them — the real CLI, as a user runs it, against the real Elasticsearch.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyzedDocument } from '../../../analysis/analyzed-document.js';
import { createEsClient, ensureIndex, indexDocuments } from '../../../infra/index.js';
import { countSellerAdsLeftOut } from '../../../infra/elasticsearch/seller-ads-left-out.js';
import { dropNamespace } from '../../helpers/drop-namespace.js';
import { makeAnalyzedDocument } from '../../helpers/make-analyzed-document.js';
import { testNamespace } from '../../helpers/test-namespace.js';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));
const ns = testNamespace('ads-notice');
const es = createEsClient(ns.config);
const dir = mkdtempSync(join(tmpdir(), 'pulse-ads-notice-'));
const env = { ...process.env, PULSE_QUEUE_PREFIX: ns.config.queuePrefix, PULSE_INDEX_PREFIX: ns.config.indexPrefix, PULSE_TIMEZONE: 'Asia/Shanghai', PULSE_LOG_LEVEL: 'warn' };
const range = ['--from', '2026-11-19', '--to', '2026-11-23'];

async function pulse(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return exec(process.execPath, ['workers/cli/pulse.mjs', ...args], { cwd: root, env, timeout: 90_000, maxBuffer: 16 << 20 });
}

const at = (day: number, hour = 10): string => `2026-11-${day}T${String(hour).padStart(2, '0')}:00:00+08:00`;
const docs: AnalyzedDocument[] = [
  ...[1, 2, 3, 4].map((i) => makeAnalyzedDocument({ n: `a-${i}`, sourceId: 'forum-a', publishedAt: at(20, 8 + i), label: 'neg' })),
  ...[5, 6].map((i) => makeAnalyzedDocument({ n: `b-${i}`, sourceId: 'forum-b', publishedAt: at(21, i), label: 'neu' })),
  makeAnalyzedDocument({ n: 'b-media', sourceId: 'forum-b', publishedAt: at(21, 12), speaker: 'media', label: 'neu' }),
  // Seller ads: three in the range (one positive, two negative; two on forum-a, one on forum-b) and one before it.
  makeAnalyzedDocument({ n: 'ad-a1', sourceId: 'forum-a', publishedAt: at(20, 15), speaker: 'seller_ad', label: 'pos' }),
  makeAnalyzedDocument({ n: 'ad-a2', sourceId: 'forum-a', publishedAt: at(21, 15), speaker: 'seller_ad', label: 'neg' }),
  makeAnalyzedDocument({ n: 'ad-b1', sourceId: 'forum-b', publishedAt: at(21, 16), speaker: 'seller_ad', label: 'neg' }),
  makeAnalyzedDocument({ n: 'ad-old', sourceId: 'forum-a', publishedAt: '2026-10-01T10:00:00+08:00', speaker: 'seller_ad', label: 'pos' }),
];
// For `alerts run`, which judges the periods up to now: one source of its own, posts from an hour ago.
const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
docs.push(
  makeAnalyzedDocument({ n: 'now-1', sourceId: 'alerts-src', publishedAt: hourAgo }),
  makeAnalyzedDocument({ n: 'now-ad1', sourceId: 'alerts-src', publishedAt: hourAgo, speaker: 'seller_ad' }),
  makeAnalyzedDocument({ n: 'now-ad2', sourceId: 'alerts-src', publishedAt: hourAgo, speaker: 'seller_ad' }),
);

beforeAll(async () => {
  await ensureIndex(es, ns.config);
  expect((await indexDocuments(es, ns.config, docs, { refresh: true })).failed).toEqual([]);
});

afterAll(async () => {
  await dropNamespace(es, ns.config.indexPrefix);
  await es.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('countSellerAdsLeftOut', () => {
  it('counts the seller ads of the same filter (range, source, label), and nothing when ads are included', async () => {
    const tz = 'Asia/Shanghai';
    const base = { from: '2026-11-19', to: '2026-11-23', excludeSellerAds: true };
    expect(await countSellerAdsLeftOut(es, ns.config, base, tz)).toBe(3);
    expect(await countSellerAdsLeftOut(es, ns.config, { ...base, sourceId: 'forum-b' }, tz)).toBe(1);
    expect(await countSellerAdsLeftOut(es, ns.config, { ...base, label: 'neg' }, tz)).toBe(2);
    expect(await countSellerAdsLeftOut(es, ns.config, { ...base, from: '2026-11-22' }, tz)).toBe(0);
    expect(await countSellerAdsLeftOut(es, ns.config, { ...base, excludeSellerAds: false }, tz)).toBeUndefined();
  });
});

describe('pulse trends', () => {
  it('says under the table how many seller ads it left out, with the same filter, and how to include them', async () => {
    const all = await pulse('trends', ...range);
    const lines = all.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('3 seller ads left out; run with --include-ads to include them');
    expect((await pulse('trends', ...range, '--source', 'forum-b')).stdout).toContain('1 seller ad left out; run with --include-ads to include it\n');
    expect((await pulse('trends', ...range, '--label', 'neg')).stdout).toContain('2 seller ads left out; run with --include-ads to include them\n');
    // Zero is said too: the reader always learns that the view leaves ads out.
    expect((await pulse('trends', '--from', '2026-11-22', '--to', '2026-11-23')).stdout).toContain('0 seller ads left out; run with --include-ads to include them\n');
  });

  it('says nothing when ads are counted (--include-ads, or an explicit --speaker list)', async () => {
    for (const args of [['--include-ads'], ['--speaker', 'consumer', 'media']]) {
      const out = await pulse('trends', ...range, ...args);
      expect(`${out.stdout}${out.stderr}`, args.join(' ')).not.toContain('left out');
    }
  });

  it('with --json keeps stdout JSON lines and says it on stderr', async () => {
    const out = await pulse('trends', ...range, '--json');
    for (const line of out.stdout.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    expect(out.stdout).not.toContain('left out');
    expect(out.stderr).toContain('3 seller ads left out; run with --include-ads to include them\n');
  });
});

describe('pulse export', () => {
  it('--dataset documents says on stderr how many seller ads it left out; the file holds only the documents', async () => {
    const file = join(dir, 'docs.jsonl');
    const out = await pulse('export', '--dataset', 'documents', '--format', 'jsonl', '--out', file, ...range);
    expect(out.stderr).toContain('3 seller ads left out; run with --include-ads to include them\n');
    expect(out.stdout).toBe(`7 documents records → ${file} (jsonl, ${readFileSync(file).length} bytes)\n`);
    const rows = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { speaker_type: string });
    expect(rows.map((r) => r.speaker_type).sort()).toEqual(['consumer', 'consumer', 'consumer', 'consumer', 'consumer', 'consumer', 'media']);
    expect(readFileSync(file, 'utf8')).not.toContain('left out');

    const withAds = await pulse('export', '--dataset', 'documents', '--format', 'jsonl', '--out', join(dir, 'all.jsonl'), ...range, '--include-ads');
    expect(withAds.stderr).not.toContain('left out');
    expect(withAds.stdout).toContain('10 documents records');
  });

  it('--dataset trends says it too, and the CSV stays clean', async () => {
    const file = join(dir, 'trends.csv');
    const out = await pulse('export', '--dataset', 'trends', '--format', 'csv', '--out', file, ...range, '--source', 'forum-b');
    expect(out.stderr).toContain('1 seller ad left out; run with --include-ads to include it\n');
    expect(readFileSync(file, 'utf8')).not.toContain('left out');
  });
});

describe('pulse report', () => {
  it('prints the count and writes it visibly into the HTML; with --include-ads neither', async () => {
    const file = join(dir, 'report.html');
    const out = await pulse('report', '--out', file, ...range);
    expect(out.stdout).toContain('3 seller ads left out; run with --include-ads to include them\n');
    expect(readFileSync(file, 'utf8')).toContain(
      '<p class="notice" data-notice="seller-ads">不含商家广告 3 条 · 3 seller ads left out; run with --include-ads to include them</p>',
    );
    const all = join(dir, 'report-all.html');
    const withAds = await pulse('report', '--out', all, ...range, '--include-ads');
    expect(withAds.stdout).not.toContain('left out');
    expect(readFileSync(all, 'utf8')).not.toContain('data-notice="seller-ads"');
  });
});

describe('pulse alerts run', () => {
  it('says how many seller ads the judged periods left out', async () => {
    const out = await pulse('alerts', 'run', '--dry-run', '--no-crawl-health', '--source', 'alerts-src');
    expect(out.stdout).toContain('2 seller ads left out; run with --include-ads to include them\n');
    const withAds = await pulse('alerts', 'run', '--dry-run', '--no-crawl-health', '--source', 'alerts-src', '--include-ads');
    expect(withAds.stdout).not.toContain('left out');
  });
});
