/**
 * Charsets that lie: a UTF-16 page with a BOM behind `charset=gbk`, and `<meta charset="base64">`. Both were dropped
 * as `empty` with no charset error; now the BOM wins over the header and a non-text charset is ignored.
 */
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { startHostileCase, type HostileCase } from './hostile-case.js';
import { serveHostile, type HostileServer } from './hostile-server.js';
import { articlePage, htmlSource, listPage } from './hostile-sources.js';
import { allDocuments } from '../faults/pipeline-tally.js';

let hc: HostileCase | undefined;
let site: HostileServer | undefined;
afterEach(async () => {
  await site?.close();
  await hc?.cleanup();
  hc = site = undefined;
});

describe('hostile charsets', () => {
  it('charset-bom-and-base64: a BOM wins over the header, a base64 "charset" is ignored', async () => {
    hc = await startHostileCase('charset-bom-and-base64');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(articlePage('微商UTF16页面'), 'utf-16le')]);
    const base64 = Buffer.from(articlePage('微商BASE64页面').replace('<meta charset="utf-8">', '<meta charset="base64">'));
    site = await serveHostile((_req, res, url) => {
      if (url.pathname === '/list.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(listPage(['/utf16.html', '/base64.html']));
      else if (url.pathname === '/utf16.html') res.writeHead(200, { 'content-type': 'text/html; charset=gbk' }).end(utf16);
      else if (url.pathname === '/base64.html') res.writeHead(200, { 'content-type': 'text/html' }).end(base64);
      else res.writeHead(404).end();
    });
    const file = hc.sourcesFile([htmlSource('charset-bom-and-base64', `${site.baseUrl}/list.html`)]);
    const out = await hc.crawl('charset-bom-and-base64', file, 60_000);
    expect(out.state).toBe('completed');
    expect(out.summary).toMatchObject({ documentsEmitted: 2, errors: [], skipped: { empty: 0, error: 0 } });
    await hc.settle(60_000);
    const titles = (await allDocuments(hc.run.es, hc.run.alias)).map((d) => String(d._source?.['title'])).filter((t) => t.includes('页面')).sort();
    expect(titles).toEqual(['微商BASE64页面', '微商UTF16页面']);
    await hc.finish('2 documents with their titles decoded (BOM over charset=gbk; base64 ignored)', out.ms);
  });
});
