/**
 * Link discovery on the four real list pages in ../shared/data/extraction/pages/list (two 163 news front pages, a
 * NetEase forum board, a Baidu Tieba board): exactly the article links a reader sees there, read by hand into
 * test/fixtures/list-pages/expected-links.json before the discovery code was written, no navigation link, and the
 * right next page. The pages are read at run time and never copied into the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { discoverLinks } from '../../../../../crawlers/extract/auto/discover-links.js';
import { urlShape } from '../../../../../crawlers/extract/auto/discover-links-url.js';

const listDir = fileURLToPath(new URL('../../../../../../shared/data/extraction/pages/list/', import.meta.url));
const fixture = JSON.parse(readFileSync(fileURLToPath(new URL('../../../../fixtures/list-pages/expected-links.json', import.meta.url)), 'utf8')) as {
  pages: Record<string, { url: string; nextPage: string | null; articles: string[] }>;
};
const present = existsSync(listDir);
if (!present) console.warn(`SKIPPED list-page discovery on real pages: ${listDir} is absent (the shared data set is not checked out next to the repository)`);

describe.skipIf(!present)('discoverLinks on the shared real list pages', () => {
  for (const [file, expected] of Object.entries(fixture.pages)) {
    it(`${file}: the ${expected.articles.length} article links a reader sees, no navigation, next page ${expected.nextPage ?? 'none'}`, () => {
      const $ = cheerio.load(readFileSync(`${listDir}${file}`, 'utf8'));
      const found = discoverLinks($, expected.url);
      const urls = found.articles.map((a) => a.url);
      expect(urls.filter((u) => !expected.articles.includes(u)), 'links taken that a reader would not call articles').toEqual([]);
      expect(expected.articles.filter((u) => !urls.includes(u)), 'article links missed').toEqual([]);
      // No channel, tag, user, login or comment URL, whatever the expected list says.
      expect(found.articles.filter((a) => ['channel', 'never'].includes(urlShape(new URL(a.url))))).toEqual([]);
      expect(found.nextPage).toBe(expected.nextPage);
    });
  }
});
