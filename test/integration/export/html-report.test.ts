import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNamespace } from '../../helpers/test-namespace.js';
import { makeAnalyzedDocument } from '../../helpers/make-analyzed-document.js';
import { createEsClient, ensureIndex, indexDocuments } from '../../../infra/index.js';
import { writeReport } from '../../../workers/export/report/write-report.js';
import type { AnalyzedDocument } from '../../../analysis/analyzed-document.js';
import { dropNamespace } from '../../helpers/drop-namespace.js';

const ns = testNamespace('report');
const es = createEsClient(ns.config);
const dir = mkdtempSync(join(tmpdir(), 'pulse-report-'));
const artifacts = join(process.cwd(), 'test/.artifacts');
let browser: Browser;

const docs: AnalyzedDocument[] = Array.from({ length: 40 }, (_, i) =>
  makeAnalyzedDocument({
    n: i,
    sourceId: ['微商论坛', 'forum-b', 'news-c'][i % 3],
    publishedAt: `2026-11-${String(10 + (i % 10)).padStart(2, '0')}T${String(8 + (i % 12)).padStart(2, '0')}:00:00+08:00`,
    label: i % 3 === 0 ? 'neg' : i % 3 === 1 ? 'neu' : 'pos',
    score: i % 3 === 0 ? -0.6 : i % 3 === 1 ? 0 : 0.5,
    keywords: i % 2 ? ['退款', '囤货'] : ['招代理', '朋友圈'],
    aspects: [{ name: i % 2 ? 'refunds' : 'recruiting', label: i % 4 === 0 ? 'neg' : 'neu' }],
    title: `第${i}条：代理说好的退款一直没到账 <script>alert(1)</script>`,
    clusterId: `c-${i % 15}`,
  }),
);
docs.push(makeAnalyzedDocument({ n: 'ad', speaker: 'seller_ad', keywords: ['月入过万'], publishedAt: '2026-11-15T10:00:00+08:00', label: 'pos' }));

beforeAll(async () => {
  await ensureIndex(es, ns.config);
  expect((await indexDocuments(es, ns.config, docs, { refresh: true })).failed).toEqual([]);
  browser = await chromium.launch({
    executablePath: ns.config.chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await dropNamespace(es, ns.config.indexPrefix);
  await es.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('pulse report', () => {
  it('writes one self-contained HTML file that Chromium renders with data and Chinese labels', async () => {
    const out = join(dir, 'report.html');
    const result = await writeReport(es, ns.config, { out, now: () => Date.parse('2026-11-25T12:00:00+08:00') });
    expect(result.documents).toBe(40);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/<meta charset="utf-8">/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="https?:\/\/(?!forum\.example\.cn)/);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const external: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith('file:')) external.push(req.url());
    });
    await page.goto(pathToFileURL(out).href);
    expect(await page.evaluate(() => document.characterSet)).toBe('UTF-8');
    expect(external).toEqual([]);

    // Ten days of posts: ten points per series (volume has two series: posts and distinct voices).
    for (const [id, expected] of [['volume', 20], ['sentiment', 10], ['negative-share', 10]] as const) {
      const points = Number(await page.locator(`svg[data-chart="${id}"]`).getAttribute('data-points'));
      expect(points, id).toBe(expected);
      const box = await page.locator(`svg[data-chart="${id}"] path.line`).first().boundingBox();
      expect(box!.width, id).toBeGreaterThan(300);
    }
    for (const id of ['aspects', 'keywords', 'sources']) {
      expect(await page.locator(`svg[data-chart="${id}"] rect.bar`).count(), id).toBeGreaterThan(1);
      const widths = await page.locator(`svg[data-chart="${id}"] rect.bar`).evaluateAll((rs) => rs.map((r) => r.getBoundingClientRect().width));
      expect(Math.max(...widths), id).toBeGreaterThan(50);
    }
    const keywordLabels = await page.locator('svg[data-chart="keywords"] text.label').allTextContents();
    expect(keywordLabels).toEqual(expect.arrayContaining(['退款', '囤货', '招代理', '朋友圈']));
    expect(keywordLabels).not.toContain('月入过万');
    expect(await page.locator('svg[data-chart="sources"] text.label').allTextContents()).toContain('微商论坛');
    expect(await page.locator('svg[data-chart="aspects"] text.label').allTextContents()).toEqual(expect.arrayContaining(['退款投诉 refunds', '招代理 recruiting']));
    await expect.poll(() => page.locator('h1').textContent()).toContain('微商舆情报告');
    const rows = page.locator('table[data-table="latest-negative"] tbody tr');
    // 14 negative posts in 5 near-duplicate clusters: the list shows one post per copy-paste wave.
    expect(await rows.count()).toBe(5);
    expect(await rows.first().textContent()).toContain('代理说好的退款一直没到账 <script>alert(1)</script>');
    expect(await page.locator('.card .v').first().textContent()).toBe('40');
    // The one seller ad the default view hides is said, visibly, with how to include it.
    const notice = page.locator('[data-notice="seller-ads"]');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toBe('不含商家广告 1 条 · 1 seller ad left out; run with --include-ads to include it');
    expect(result.sellerAdsLeftOut).toBe(1);

    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'report.png'), fullPage: true });
    await page.close();
  });
});
