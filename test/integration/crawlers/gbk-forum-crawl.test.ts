/**
 * A forum in GBK / GB18030 / Big5 (declared by header, by <meta>, or not at all), paginated, with Chinese relative
 * dates: every on-topic thread comes out as correct UTF-8 text with the right ISO time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource, MemorySeenSet, parseSources, type RawDocument, type SourceConfig } from '../../../crawlers/index.js';
import { serveFixtureSite, type ServedSite } from '../../helpers/fixture-server.js';

let site: ServedSite;
beforeAll(async () => {
  site = await serveFixtureSite('gbk-forum');
});
afterAll(async () => site.close());

describe('GBK forum', () => {
  it('decodes every charset and parses relative dates against the injected now', async () => {
    const [source] = parseSources(
      {
        sources: [
          {
            id: 'gbk-forum',
            type: 'html',
            schedule: '0 0 * * *',
            topics: ['微商', '代理', '囤货', '压货', '退款'],
            storeAuthorNames: true,
            politeness: { maxRequestsPerMinute: 6000 },
            startUrls: ['{{baseUrl}}/forum/index.html'],
            list: { itemLink: 'td.subject a', nextPage: 'a.nxt' },
            detail: { title: '#thread_subject', body: '#post_1 .t_f', author: '#post_1 .xw1', publishedAt: '#post_1 .time' },
          },
        ],
      },
      'inline',
      { baseUrl: site.baseUrl },
    );
    const docs: RawDocument[] = [];
    const summary = await crawlSource(
      source as SourceConfig,
      { userAgent: 'PulseBot/0.1 (+test)', authorSalt: 'salt', allowPrivateAddresses: ['127.0.0.1'], now: () => new Date('2024-03-06T10:00:00+08:00') },
      { seenSet: new MemorySeenSet(), sink: async (batch) => void docs.push(...batch) },
    );
    const got = docs.map((d) => [d.url.replace(site.baseUrl, ''), d.title, d.author, d.publishedAt, d.body]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(got).toEqual([
      ['/forum/thread-101.html', '做微商三年，压货的坑我都踩过', '𠮷祥姐', '2024-03-05T20:15:00+08:00', '第一年拿货五万，囤货 卖不动。\n第二年学乖了，只做零售。\n\n建议新人别碰层级代理。'],
      ['/forum/thread-102.html', '今天又被微商好友拉黑了', '路人甲', '2024-03-06T08:30:00+08:00', '问了一句能不能退款，就被拉黑了。'],
      ['/forum/thread-103.html', '微商代購的面霜過敏了', '台北阿美', '2024-03-05T14:02:00+08:00', '朋友在微商代購的面霜，用了兩天臉上紅腫，對方說是正常反應。'],
      ['/forum/thread-104.html', '招代理的朋友圈廣告太多', '小林', '2024-03-06T08:00:00+08:00', '每天打開朋友圈都是招代理的廣告，說月入過萬，我們這些人看了很煩。'],
    ]);
    expect(summary).toMatchObject({ pagesFetched: 7, documentsEmitted: 4, errors: [] });
    expect(summary.skipped.offTopic).toBe(1);
  });
});
