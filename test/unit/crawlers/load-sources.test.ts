import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSources, parseSources } from '../../../crawlers/index.js';

const file = (yaml: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'pulse-src-')), 'sources.yaml');
  writeFileSync(path, yaml);
  return path;
};

describe('loadSources', () => {
  it('loads the demo sources with {{baseUrl}} substituted and defaults applied', () => {
    const [s] = loadSources('infra/demo-site/demo.sources.yaml', { baseUrl: 'http://127.0.0.1:4321' });
    expect(s).toMatchObject({ id: 'demo-weishang', type: 'html', enabled: true, startUrls: ['http://127.0.0.1:4321/list/1.html'], storeAuthorNames: false });
    expect(s?.politeness.respectRobotsTxt).toBe(true);
    expect(s?.limits.maxPageBytes).toBe(2_000_000);
  });

  it('merges `defaults` under every source', () => {
    const [a, b] = parseSources({
      defaults: { schedule: '0 0 * * *', topics: ['微商'], politeness: { maxConcurrency: 1 } },
      sources: [
        { id: 'a', type: 'rss', feedUrls: ['https://a.example/f'] },
        { id: 'b', type: 'rss', feedUrls: ['https://b.example/f'], politeness: { respectRobotsTxt: false }, topics: ['代理'] },
      ],
    });
    expect(a?.politeness).toMatchObject({ maxConcurrency: 1, respectRobotsTxt: true });
    expect(b?.politeness).toMatchObject({ maxConcurrency: 1, respectRobotsTxt: false });
    expect(b?.topics).toEqual(['代理']);
  });

  it('takes the shortest source (no list, no detail) as automatic, and selectors field by field', () => {
    const [short, auto, mixed, explicit] = parseSources({
      defaults: { schedule: '0 0 * * *', topics: ['微商'] },
      sources: [
        { id: 'short', type: 'html', startUrls: ['https://news.example.cn/'] },
        { id: 'auto', type: 'browser', startUrls: ['https://news.example.cn/'], list: 'auto', detail: 'auto' },
        { id: 'mixed', type: 'sitemap', sitemapUrls: ['https://news.example.cn/sitemap.xml'], detail: { publishedAt: { selector: 'time', attr: 'datetime' } } },
        { id: 'explicit', type: 'html', startUrls: ['https://bbs.example.cn/'], list: { itemLink: 'a.t' }, detail: { title: 'h1', body: '.c' } },
      ],
    });
    const allAuto = { title: 'auto', body: 'auto', author: 'auto', publishedAt: 'auto', remove: [] };
    expect(short).toMatchObject({ list: { itemLink: 'auto', nextPage: 'auto' }, detail: allAuto });
    expect(auto).toMatchObject({ list: { itemLink: 'auto', nextPage: 'auto' }, detail: allAuto });
    expect(mixed).toMatchObject({ detail: { ...allAuto, publishedAt: { selector: 'time', attr: 'datetime' } } });
    // An explicit list without nextPage follows no next page, as it always did; fields left out of detail are automatic.
    expect(explicit).toMatchObject({ list: { itemLink: 'a.t' }, detail: { title: 'h1', body: '.c', author: 'auto', publishedAt: 'auto' } });
    expect((explicit as { list: { nextPage?: string } }).list.nextPage).toBeUndefined();
  });

  it.each([
    ['sources:\n  - id: x\n    type: html\n    schedule: "0 * * * *"\n    topics: [a]\n    startUrls: [http://a.example/]\n    list: automatic\n', 'source "x", field list: Invalid input'],
    ['sources:\n  - id: x\n    type: sitemap\n    schedule: "0 * * * *"\n    topics: [a]\n    sitemapUrls: [http://a.example/s.xml]\n    detail: { body: "" }\n', 'source "x", field detail.body:'],
    ['sources:\n  - id: x\n    type: rss\n    schedule: "every hour"\n    topics: [a]\n    feedUrls: [http://a.example/]\n', 'source "x", field schedule: must be a cron expression'],
    ['sources:\n  - id: x\n    type: rss\n    schedule: "0 * * * *"\n    topics: []\n    feedUrls: [http://a.example/]\n', 'source "x", field topics:'],
    ['sources:\n  - id: x\n    type: rss\n    schedule: "0 * * * *"\n    topics: [a]\n    feedUrls: ["{{host}}/feed"]\n', 'source "x", field feedUrls[0]: placeholder {{host}} has no value'],
    ['sources:\n  - id: x\n    type: rss\n    schedule: "0 * * * *"\n    topics: [a]\n    feedUrls: [http://a.example/]\n    limits: { maxPages: 0 }\n', 'source "x", field limits.maxPages:'],
    ['sources:\n  - id: x\n    type: rss\n    schedule: "0 * * * *"\n    topics: [a]\n    feedUrls: [http://a.example/]\n    folow: true\n', 'source "x", field folow: Unrecognized key: "folow"'],
    ['sources:\n  - id: x\n    type: ftp\n', 'source "x", field type:'],
    // A misspelt required key: the unknown key is named, with the key it probably meant — not "topics: expected array".
    ['sources:\n  - id: x\n    type: rss\n    schedule: "0 * * * *"\n    topic: [a]\n    feedUrls: [http://a.example/]\n', 'source "x", field topic: Unrecognized key: "topic" (did you mean `topics`? it is missing)'],
    ['sources:\n  - id: x\n    type: html\n    schedule: "0 * * * *"\n    topic: [a]\n    startUrls: [http://a.example/]\n    list: { itemLink: a }\n    detail: { title: h1, body: p }\n', 'source "x", field topic: Unrecognized key: "topic" (did you mean `topics`? it is missing)'],
    ['sources:\n  - id: x\n    type: rss\n    schedule: "0 * * * *"\n    topics: [a]\n    feedUrls: [ftp://a.example/]\n', 'source "x": only http(s) URLs'],
    ['sources:\n  - id: Bad Id\n    type: rss\n    schedule: "0 * * * *"\n    topics: [a]\n    feedUrls: [http://a.example/]\n', 'source "Bad Id", field id: must be lowercase'],
    ['sources: [\n', 'is not valid YAML'],
    ['nothing: here\n', 'field sources:'],
  ])('names the file, source and field: %#', (yaml, message) => {
    const path = file(yaml);
    expect(() => loadSources(path)).toThrow(`invalid sources file ${path}: ${message}`);
  });

  it('refuses duplicate ids and a missing file', () => {
    const dup = 'sources:\n' + '  - { id: x, type: rss, schedule: "0 * * * *", topics: [a], feedUrls: ["http://a.example/"] }\n'.repeat(2);
    expect(() => loadSources(file(dup))).toThrow('source "x", field id: is used by another source');
    expect(() => loadSources('/no/such/sources.yaml')).toThrow(expect.objectContaining({ code: 'SOURCE_FILE_UNREADABLE' }));
  });
});
