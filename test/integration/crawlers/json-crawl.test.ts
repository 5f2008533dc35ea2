/** json sources: field paths, markup in text, epoch and Chinese timestamps, and all three paging styles. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource, MemorySeenSet, parseSources, type RawDocument, type SourceConfig } from '../../../crawlers/index.js';
import { serveFixtureSite, type ServedSite } from '../../helpers/fixture-server.js';

let site: ServedSite;
const hits: string[] = [];
// A search API paged by number (3 pages of 2, then empty) and a stream paged by cursor.
const post = (n: number) => ({ id: n, content: `第${n}条：微商退款进度`, author: { nick: `用户${n}` }, time: `2024-03-0${n} 12:00` });
beforeAll(async () => {
  site = await serveFixtureSite('news-site', {
    onRequest: (_m, p) => hits.push(p),
    handlers: [
      (_req, res, url) => {
        const json = (v: unknown): boolean => (res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(v)), true);
        if (url.pathname === '/api/search') {
          const page = Number(url.searchParams.get('p') ?? 1);
          return json({ result: { list: page <= 3 ? [post(page * 2 - 1), post(page * 2)] : [] } });
        }
        if (url.pathname === '/api/stream') {
          const cursor = url.searchParams.get('cursor') ?? 'start';
          const next: Record<string, string | null> = { start: 'c2', c2: 'c3', c3: null };
          const items = { start: [post(1)], c2: [post(2)], c3: [post(3)] }[cursor] ?? [];
          return json({ items, next_cursor: next[cursor] ?? null });
        }
        return false;
      },
    ],
  });
});
afterAll(async () => site.close());

const options = { userAgent: 'PulseBot/0.1 (+test)', authorSalt: 'salt', allowPrivateAddresses: ['127.0.0.1'] };

function source(extra: Record<string, unknown>): SourceConfig {
  const [s] = parseSources({ sources: [{ id: 'api', type: 'json', schedule: '0 0 * * *', topics: ['微商', '代理', '囤货'], storeAuthorNames: true, politeness: { maxRequestsPerMinute: 6000 }, ...extra }] }, 'inline', { baseUrl: site.baseUrl });
  return s as SourceConfig;
}

async function crawl(s: SourceConfig) {
  const docs: RawDocument[] = [];
  const summary = await crawlSource(s, options, { seenSet: new MemorySeenSet(), sink: async (b) => void docs.push(...b) });
  return { docs: docs.sort((a, b) => a.url.localeCompare(b.url)), summary };
}

describe('json sources', () => {
  it('next-url paging with nested field paths, html text and epoch seconds', async () => {
    const { docs, summary } = await crawl(
      source({
        url: '{{baseUrl}}/api/page-1.json',
        itemsPath: 'data.posts',
        fields: { id: 'id', title: 'title', text: 'body', author: 'user.name', publishedAt: 'created_at' },
        itemUrlTemplate: '{{baseUrl}}/posts/{id}',
        paging: { type: 'next-url', nextPath: 'links.next' },
      }),
    );
    expect(docs.map((d) => [d.url.replace(site.baseUrl, ''), d.title, d.body, d.author, d.publishedAt, d.sourceType])).toEqual([
      ['/posts/p1', '微商退款求助', '囤货两万，\n上级不给退款。', '求助者A', '2024-03-05T08:53:20+08:00', 'json'],
      ['/posts/p3', '做代理一年的感受', '压货太多，朋友圈没人买。', '代理B', '2024-03-05T10:00:00+08:00', 'json'],
    ]);
    expect(summary).toMatchObject({ pagesFetched: 3, documentsEmitted: 2, errors: [] });
    expect(summary.skipped.offTopic).toBe(1);
    expect(hits).not.toContain('/api/page-4.json');
  });

  it('page-number paging stops at the first empty page', async () => {
    hits.length = 0;
    const { docs, summary } = await crawl(
      source({
        url: '{{baseUrl}}/api/search?q=weishang',
        itemsPath: 'result.list',
        fields: { id: 'id', text: 'content', author: 'author.nick', publishedAt: 'time' },
        itemUrlTemplate: '{{baseUrl}}/p/{id}',
        paging: { type: 'page', param: 'p', start: 1 },
      }),
    );
    expect(docs.map((d) => [d.url.replace(site.baseUrl, ''), d.body, d.author, d.publishedAt])).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => [`/p/${n}`, `第${n}条：微商退款进度`, `用户${n}`, `2024-03-0${n}T12:00:00+08:00`]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    // No fields.title: each title is the text's first sentence (here the whole short text), never empty.
    expect(docs.map((d) => d.title)).toEqual(docs.map((d) => d.body));
    expect(summary.pagesFetched).toBe(4);
    expect(hits.filter((h) => h.startsWith('/api/search'))).toEqual(['/api/search?q=weishang', '/api/search?p=2&q=weishang', '/api/search?p=3&q=weishang', '/api/search?p=4&q=weishang']);
  });

  it('cursor paging follows next_cursor until it is null', async () => {
    const { docs, summary } = await crawl(
      source({
        url: '{{baseUrl}}/api/stream',
        itemsPath: 'items',
        fields: { id: 'id', text: 'content', author: 'author.nick', publishedAt: 'time' },
        itemUrlTemplate: '{{baseUrl}}/s/{id}',
        paging: { type: 'cursor', param: 'cursor', nextPath: 'next_cursor' },
      }),
    );
    expect(docs.map((d) => d.url.replace(site.baseUrl, ''))).toEqual(['/s/1', '/s/2', '/s/3']);
    expect(summary.pagesFetched).toBe(3);
  });

  it('a json source without a URL field or template is refused at load time, naming the field', () => {
    expect(() => parseSources({ sources: [{ id: 'bad', type: 'json', schedule: '0 0 * * *', topics: ['x'], url: 'http://a.example/api', itemsPath: 'items', fields: { id: 'id', text: 't' } }] }, 'inline.yaml')).toThrow(
      'invalid sources file inline.yaml: source "bad", field fields.url: a json source needs fields.url or itemUrlTemplate',
    );
  });
});
