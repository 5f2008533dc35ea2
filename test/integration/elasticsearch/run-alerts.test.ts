import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNamespace } from '../../helpers/test-namespace.js';
import { makeAnalyzedDocument } from '../../helpers/make-analyzed-document.js';
import { createEsClient, ensureIndex, indexDocuments } from '../../../infra/index.js';
import { createLogger } from '../../../infra/logger.js';
import { runAlerts } from '../../../workers/alerts/run-alerts.js';
import { recentAlerts } from '../../../workers/alerts/alert-store.js';
import type { AnalyzedDocument } from '../../../analysis/analyzed-document.js';
import { dropNamespace } from '../../helpers/drop-namespace.js';

const ns = testNamespace('es-alerts');
const es = createEsClient(ns.config);
const logger = createLogger({ level: 'silent' });
const now = (): number => Date.parse('2026-11-18T15:00:00+08:00');

// A real webhook receiver on loopback; `failNext` makes it refuse the next N posts.
const received: Array<{ text: string; alert: { key: string; kind: string } }> = [];
let failNext = 0;
let server: Server;
let webhookUrl = '';

function calmAndBurst(): AnalyzedDocument[] {
  const docs: AnalyzedDocument[] = [];
  const calm = [6, 7, 5, 6, 8, 6, 7, 6];
  calm.forEach((count, d) => {
    for (let i = 0; i < count; i++) {
      docs.push(makeAnalyzedDocument({ n: `calm-${d}-${i}`, publishedAt: `2026-11-${10 + d}T1${i % 10}:00:00+08:00`, label: i === 0 ? 'neg' : 'neu', keywords: ['代理'] }));
    }
  });
  for (let i = 0; i < 40; i++) {
    docs.push(
      makeAnalyzedDocument({
        n: `burst-${i}`,
        title: `团队老大跑路了，囤的货退不了 ${i}`,
        publishedAt: `2026-11-18T${String(8 + (i % 6)).padStart(2, '0')}:${String(i).padStart(2, '0')}:00+08:00`,
        label: i % 5 === 0 ? 'neg' : 'neu',
        keywords: ['跑路', '退款', '囤货'],
        clusterId: `wave-${i % 12}`,
      }),
    );
  }
  // A seller-ad flood that analyst views ignore: it must not raise anything by itself.
  for (let i = 0; i < 30; i++) {
    docs.push(makeAnalyzedDocument({ n: `ad-${i}`, publishedAt: '2026-11-17T12:00:00+08:00', speaker: 'seller_ad', label: 'pos', keywords: ['招代理'] }));
  }
  // Two more on the burst day: the burst alert says how many posts of its day the seller-ad filter hid.
  for (let i = 0; i < 2; i++) {
    docs.push(makeAnalyzedDocument({ n: `ad18-${i}`, publishedAt: '2026-11-18T09:00:00+08:00', speaker: 'seller_ad', label: 'pos', keywords: ['招代理'] }));
  }
  return docs;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(500).end();
        return;
      }
      received.push(JSON.parse(body) as (typeof received)[number]);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook/secret-token`;
  await ensureIndex(es, ns.config);
  expect((await indexDocuments(es, ns.config, calmAndBurst(), { refresh: true })).failed).toEqual([]);
});

afterAll(async () => {
  await dropNamespace(es, ns.config.indexPrefix);
  await es.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('runAlerts', () => {
  it('raises exactly one alert for an injected volume burst, explained, once, to the log and the webhook', async () => {
    const config = { ...ns.config, alertWebhookUrl: webhookUrl };
    const first = await runAlerts({ es, config, logger, now });
    expect(first.raised.map((a) => a.kind)).toEqual(['volume_burst']);
    const alert = first.raised[0]!;
    expect(alert.period).toBe('2026-11-18T00:00:00+08:00');
    expect(alert.observed).toBe(40);
    expect(alert.baseline!.periods).toBe(7);
    expect(alert.baseline!.mean).toBeCloseTo((7 + 5 + 6 + 8 + 6 + 7 + 6) / 7, 5);
    expect(alert.topKeywords!.map((k) => k.keyword)).toEqual(expect.arrayContaining(['跑路', '退款', '囤货']));
    expect(alert.examples).toHaveLength(3);
    expect(new Set(alert.examples!.map((e) => e.title)).size).toBe(3);
    expect(alert.explanation).toContain('Baseline over the previous 7 days');
    expect(alert.explanation).toContain('跑路');
    expect(alert.explanation).toContain('团队老大跑路了');
    expect(alert.explanation).toContain('This day: 2 seller ads left out; run with --include-ads to include them.');
    // Over the judged window (7 baseline days + 2 judged): the 30-ad flood of the 17th and the 2 of the 18th.
    expect(first.sellerAdsLeftOut).toBe(32);
    expect(alert.analysisVersions).toEqual(['seg:1+dict:1|lex:1|model:1']);
    expect(received.map((r) => r.alert.key)).toEqual([alert.key]);
    expect(received[0]!.text).toContain('Volume burst');

    const second = await runAlerts({ es, config, logger, now });
    expect(second).toMatchObject({ raised: [], alreadyRaised: 1, deliveryFailures: 0 });
    expect(received).toHaveLength(1);
    const stored = await recentAlerts(es, ns.config.indexPrefix);
    expect(stored.map((a) => a.key)).toEqual([alert.key]);
    expect(stored[0]!.deliveredAt).not.toBeNull();
  });

  it('raises crawler-health alerts from crawl summaries and retries a webhook that failed', async () => {
    const config = { ...ns.config, alertWebhookUrl: webhookUrl };
    const crawlRuns = [
      { sourceId: 'forum-a', finishedAt: '2026-11-18T14:00:00+08:00', pagesFetched: 12, documentsEmitted: 30, errors: 0, ok: true },
      { sourceId: 'forum-b', finishedAt: '2026-11-18T14:00:00+08:00', pagesFetched: 4, documentsEmitted: 0, errors: 0, ok: true, skipped: { seen: 0, unchanged: 0 } },
      { sourceId: 'forum-d', finishedAt: '2026-11-18T14:00:00+08:00', pagesFetched: 2, documentsEmitted: 0, errors: 0, ok: true, skipped: { seen: 40 } },
      { sourceId: 'forum-c', finishedAt: '2026-11-18T14:00:00+08:00', pagesFetched: 1, documentsEmitted: 1, errors: 9, ok: true },
    ];
    failNext = 2;
    const before = received.length;
    const first = await runAlerts({ es, config, logger, now }, { crawlRuns, metrics: [] });
    expect(first.raised.map((a) => `${a.kind} ${a.scope}`).sort()).toEqual(['crawler_errors source forum-c', 'crawler_silent source forum-b']);
    expect(first.deliveryFailures).toBe(2);
    expect(received.length).toBe(before);

    const second = await runAlerts({ es, config, logger, now }, { crawlRuns, metrics: [] });
    expect(second).toMatchObject({ raised: [], alreadyRaised: 2, deliveryFailures: 0 });
    expect(received.length).toBe(before + 2);

    await runAlerts({ es, config, logger, now }, { crawlRuns, metrics: [] });
    expect(received.length).toBe(before + 2);
  });

  it('does not raise anything in a dry run of an unchanged, calm window', async () => {
    const calmNow = (): number => Date.parse('2026-11-16T15:00:00+08:00');
    const result = await runAlerts({ es, config: ns.config, logger, now: calmNow }, { dryRun: true });
    expect(result.raised).toEqual([]);
  });
});
