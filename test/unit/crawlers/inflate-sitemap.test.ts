import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflateSitemap } from '../../../crawlers/source-types/sitemap-pages.js';

describe('inflateSitemap', () => {
  const xml = Buffer.from('<?xml version="1.0"?><urlset><url><loc>http://a.test/微商</loc></url></urlset>');

  it('passes plain bytes through and inflates gzip by its magic bytes, whatever the name', () => {
    expect(inflateSitemap(xml, 'http://a.test/s.xml', 1024)).toBe(xml);
    expect(inflateSitemap(gzipSync(xml), 'http://a.test/s.xml', 1024).equals(xml)).toBe(true);
    expect(inflateSitemap(Buffer.from([0x1f]), 'http://a.test/s.xml', 1024)).toEqual(Buffer.from([0x1f]));
  });

  it('stops at the byte cap (PAGE_TOO_LARGE naming the URL) and refuses corrupt gzip (PARSE_FAILED)', () => {
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(20 * 1024);
    expect(() => inflateSitemap(bomb, 'http://a.test/bomb.xml.gz', 100_000, 'src')).toThrow(
      expect.objectContaining({ code: 'PAGE_TOO_LARGE', retryable: false, message: 'gzipped sitemap inflates past 100000 bytes: http://a.test/bomb.xml.gz', context: { sourceId: 'src', url: 'http://a.test/bomb.xml.gz' } }),
    );
    // Exactly at the cap is still fine.
    expect(inflateSitemap(gzipSync(Buffer.alloc(1000, 0x20)), 'http://a.test/s.xml.gz', 1000).length).toBe(1000);
    expect(() => inflateSitemap(Buffer.from([0x1f, 0x8b, 1, 2, 3]), 'http://a.test/x.xml.gz', 1000)).toThrow(expect.objectContaining({ code: 'PARSE_FAILED' }));
  });
});
