import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { testNamespace } from '../../helpers/test-namespace.js';
import { makeAnalyzedDocument } from '../../helpers/make-analyzed-document.js';
import { createEsClient, ensureIndex, indexDocuments, queryTrends, type TrendRow } from '../../../infra/index.js';
import { streamTrendRows } from '../../../infra/elasticsearch/stream-trend-rows.js';
import { streamDocuments } from '../../../infra/elasticsearch/stream-documents.js';
import { exportDataset, type ExportFormat } from '../../../workers/export/export-dataset.js';
import { trendRecord } from '../../../workers/export/trend-dataset.js';
import type { AnalyzedDocument } from '../../../analysis/analyzed-document.js';
import { dropNamespace } from '../../helpers/drop-namespace.js';
import { parseCsv } from './parse-csv.js';

const ns = testNamespace('export');
const es = createEsClient(ns.config);
const tz = 'Asia/Shanghai';
const dir = mkdtempSync(join(tmpdir(), 'pulse-export-'));

const labels = ['neg', 'neu', 'pos'] as const;
const docs: AnalyzedDocument[] = Array.from({ length: 23 }, (_, i) =>
  makeAnalyzedDocument({
    n: i,
    sourceId: i % 3 === 0 ? 'forum-a' : 'forum-b',
    publishedAt: `2026-11-${String(14 + (i % 5)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:15:00+08:00`,
    label: labels[i % 3],
    score: [-0.7, 0, 0.6][i % 3],
    keywords: i % 2 ? ['退款', '囤货'] : ['代理'],
    aspects: i % 4 === 0 ? [{ name: 'refunds', label: 'neg', score: -0.5 }] : [],
    clusterId: `c-${i % 7}`,
    analysisVersion: i < 10 ? 'seg:1|lex:1' : 'seg:1|lex:2',
    title: i === 0 ? '=HYPERLINK("x") 微商, "代理" 的故事' : `第${i}条：朋友圈刷屏`,
    text: i === 1 ? '第一行，有逗号\n第二行 "引号" 结束' : '压货三个月，退款无门。',
  }),
);
// A 23:30 local post: it must be on the 18th in every export, not the 19th (nor the 18th by UTC accident).
docs.push(makeAnalyzedDocument({ n: 'late', sourceId: 'forum-a', publishedAt: '2026-11-18T23:30:00+08:00', label: 'neg', score: -0.9 }));

async function readBack(format: ExportFormat, file: string): Promise<Array<Record<string, unknown>>> {
  if (format === 'jsonl') return readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  if (format === 'parquet') return (await parquetReadObjects({ file: await asyncBufferFromFile(file) })) as Array<Record<string, unknown>>;
  const text = readFileSync(file, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const [header, ...rows] = parseCsv(text.slice(1));
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]])));
}

const num = (v: unknown): number | null => (v === null || v === '' || v === undefined ? null : Number(v));
const list = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : typeof v === 'string' && v.startsWith('[') ? (JSON.parse(v) as string[]) : typeof v === 'string' && v ? v.split('; ') : []);
const instant = (v: unknown): number => (v instanceof Date ? v.getTime() : Date.parse(String(v)));

beforeAll(async () => {
  await ensureIndex(es, ns.config);
  expect((await indexDocuments(es, ns.config, docs, { refresh: true })).failed).toEqual([]);
});

afterAll(async () => {
  await dropNamespace(es, ns.config.indexPrefix);
  await es.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('trend rows streamed with a composite aggregation', () => {
  it('match the date_histogram trend query row for row, across many small pages, per source too', async () => {
    for (const groupBy of [undefined, 'source', 'aspect'] as const) {
      const options = { interval: 'day' as const, timezone: tz, from: '2026-11-13', to: '2026-11-20', ...(groupBy ? { groupBy } : {}) };
      const expected = await queryTrends(es, ns.config, options);
      const streamed: TrendRow[] = [];
      for await (const row of streamTrendRows(es, ns.config, { ...options, pageSize: 2 })) streamed.push(row);
      const key = (r: TrendRow): string => `${r.group ?? ''}|${r.period}`;
      expect(streamed.map(key).sort()).toEqual(expected.map(key).sort());
      const byKey = new Map(expected.map((r) => [key(r), r]));
      for (const row of streamed) {
        const e = byKey.get(key(row))!;
        expect({ ...row, topKeywords: row.topKeywords.slice(0, 3) }).toEqual({ ...e, topKeywords: e.topKeywords.slice(0, 3) });
      }
    }
  });
});

describe('pulse export', () => {
  for (const format of ['csv', 'jsonl', 'parquet'] as const) {
    it(`writes trend rows to ${format} that read back row for row, each with its analysis versions`, async () => {
      const expected = await queryTrends(es, ns.config, { interval: 'day', timezone: tz, from: '2026-11-13', to: '2026-11-20', groupBy: 'source' });
      const file = join(dir, `trends.${format}`);
      const progress: number[] = [];
      const result = await exportDataset(es, ns.config, {
        dataset: 'trends',
        format,
        out: file,
        filter: { from: '2026-11-13', to: '2026-11-20' },
        timezone: tz,
        interval: 'day',
        groupBy: 'source',
        onProgress: (n) => progress.push(n),
      });
      expect(result.records).toBe(expected.length);
      expect(progress.at(-1)).toBe(expected.length);
      const rows = await readBack(format, file);
      expect(rows).toHaveLength(expected.length);
      const want = new Map(expected.map((r) => [`${r.group}|${Date.parse(r.period)}`, trendRecord(r)]));
      for (const row of rows) {
        const e = want.get(`${String(row['group'])}|${instant(row['period'])}`);
        expect(e, `row ${String(row['group'])} ${String(row['period'])}`).toBeDefined();
        expect(num(row['volume'])).toBe(e!['volume']);
        expect(num(row['distinct_voices'])).toBe(e!['distinct_voices']);
        const share = e!['negative_share'] as number | null;
        if (share === null) expect(num(row['negative_share'])).toBeNull();
        else expect(num(row['negative_share'])).toBeCloseTo(share, 6);
        expect(num(row['change_volume'])).toBe(e!['change_volume']);
        expect(list(row['analysis_versions'])).toEqual(e!['analysis_versions']);
        expect(list(row['top_keywords'])).toEqual(e!['top_keywords']);
        if ((e!['volume'] as number) > 0) expect(list(row['analysis_versions']).length).toBeGreaterThan(0);
      }
      const late = rows.find((r) => r['group'] === 'forum-a' && instant(r['period']) === Date.parse('2026-11-18T00:00:00+08:00'));
      expect(num(late!['volume'])).toBe(expected.find((r) => r.group === 'forum-a' && r.period.startsWith('2026-11-18'))!.volume);
    });

    it(`writes raw documents to ${format} that read back row for row with Chinese text intact`, async () => {
      const file = join(dir, `docs.${format}`);
      const result = await exportDataset(es, ns.config, { dataset: 'documents', format, out: file, filter: {}, timezone: tz });
      expect(result.records).toBe(docs.length);
      const rows = await readBack(format, file);
      expect(rows).toHaveLength(docs.length);
      const byId = new Map(docs.map((d) => [d.docId, d]));
      let previous = -Infinity;
      for (const row of rows) {
        const doc = byId.get(String(row['doc_id']))!;
        expect(doc).toBeDefined();
        const title = format === 'csv' && doc.title.startsWith('=') ? `'${doc.title}` : doc.title;
        expect(row['title']).toBe(title);
        expect(row['text']).toBe(doc.text);
        expect(row['source_id']).toBe(doc.sourceId);
        expect(num(row['sentiment_score'])).toBeCloseTo(doc.sentiment.score, 6);
        expect(row['sentiment_label']).toBe(doc.sentiment.label);
        expect(list(row['keywords'])).toEqual(doc.keywords);
        expect(list(row['aspect_names'])).toEqual(doc.aspects.map((a) => a.name));
        expect(row['analysis_version']).toBe(doc.analysisVersion);
        expect(instant(row['timestamp'])).toBe(Date.parse(doc.publishedAt!));
        expect(instant(row['timestamp'])).toBeGreaterThanOrEqual(previous);
        previous = instant(row['timestamp']);
      }
    });
  }

  it('filters documents by source, label and aspect, and pages through a point in time', async () => {
    const got: string[] = [];
    for await (const d of streamDocuments(es, ns.config, { sourceId: 'forum-a', label: 'neg' }, { timezone: tz, pageSize: 2 })) got.push(d.docId);
    const want = docs.filter((d) => d.sourceId === 'forum-a' && d.sentiment.label === 'neg').map((d) => d.docId);
    expect(got.sort()).toEqual(want.sort());
    const refunds: string[] = [];
    for await (const d of streamDocuments(es, ns.config, { aspect: 'refunds', to: '2026-11-16' }, { timezone: tz, pageSize: 3 })) refunds.push(d.docId);
    const wantRefunds = docs.filter((d) => d.aspects.some((a) => a.name === 'refunds') && Date.parse(d.publishedAt!) < Date.parse('2026-11-16T00:00:00+08:00'));
    expect(refunds.sort()).toEqual(wantRefunds.map((d) => d.docId).sort());
    expect(refunds.length).toBeGreaterThan(0);
  });
});
