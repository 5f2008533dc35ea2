import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSources } from '../../../crawlers/index.js';
import { compileUrlPattern, urlPatternProblem } from '../../../crawlers/sources/url-pattern.js';

const sitemapSource = (urlPattern: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'pulse-src-')), 'sources.yaml');
  writeFileSync(path, `sources:\n  - id: maps\n    type: sitemap\n    schedule: "0 * * * *"\n    topics: [a]\n    sitemapUrls: [http://a.example/sitemap.xml]\n    urlPattern: ${JSON.stringify(urlPattern)}\n`);
  return path;
};

describe('urlPattern', () => {
  it('matches like RegExp.test on ordinary URL filters', () => {
    const urls = ['https://a.example/news/2026/123.html', 'https://a.example/news/x.html', 'https://a.example/art/2025/01/', 'https://a.example/NEWS/1.html'];
    for (const pattern of ['/news/\\d+\\.html$', '/art/\\d{4}/', '^https://a\\.example/(news|art)/', '(?i)/news/', '\\.html$', 'news|art']) {
      const re2 = compileUrlPattern(pattern);
      const js = new RegExp(pattern.replace('(?i)', ''), pattern.startsWith('(?i)') ? 'i' : '');
      for (const url of urls) expect(re2.test(url), `${pattern} on ${url}`).toBe(js.test(url));
    }
  });

  it('decides a pattern built to backtrack in linear time', () => {
    const re = compileUrlPattern('(a+)+$');
    const t0 = performance.now();
    // JavaScript's engine needs about 2^40 steps for this one URL.
    for (let i = 0; i < 100; i++) expect(re.test(`https://h.example/${'a'.repeat(40)}!`)).toBe(false);
    expect(re.test(`https://h.example/${'a'.repeat(100_000)}`)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('refuses invalid and non-RE2 patterns with the reason', () => {
    expect(urlPatternProblem('/news/\\d+')).toBeUndefined();
    expect(urlPatternProblem('([')).toMatch(/missing closing \]/);
    expect(urlPatternProblem('(a)\\1')).toMatch(/RE2 syntax.*invalid escape/);
    expect(urlPatternProblem('/news/(?=\\d)')).toMatch(/unsupported Perl syntax/);
  });

  it('fails the sources file up front, naming file, source, field, pattern and reason', () => {
    const file = sitemapSource('([');
    expect(() => loadSources(file)).toThrow(
      expect.objectContaining({
        code: 'SOURCE_CONFIG_INVALID',
        message: expect.stringMatching(new RegExp(`^invalid sources file ${file}: source "maps", field urlPattern: is not a regular expression the crawler accepts .*missing closing \\].*, got "\\(\\["$`)),
        context: expect.objectContaining({ file, sourceId: 'maps', field: 'urlPattern' }),
      }),
    );
    expect(loadSources(sitemapSource('(a+)+$'))[0]).toMatchObject({ urlPattern: '(a+)+$' });
  });
});
