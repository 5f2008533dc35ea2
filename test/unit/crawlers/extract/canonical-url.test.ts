import { describe, expect, it } from 'vitest';
import { canonicalUrl, isAllowedHost, resolveLink } from '../../../../crawlers/extract/canonical-url.js';

describe('canonical URLs', () => {
  it('drops fragments and tracking parameters, sorts the rest, lowercases the host, drops default ports', () => {
    expect(canonicalUrl('HTTP://News.Example.COM:80/a/b.html?utm_source=x&b=2&a=1&spm=3.4&from=timeline#top')).toBe('http://news.example.com/a/b.html?a=1&b=2');
    expect(canonicalUrl('https://x.example/p?id=5&utm_medium=feed')).toBe('https://x.example/p?id=5');
    expect(canonicalUrl('https://x.example/p?')).toBe('https://x.example/p');
  });

  it('resolves links against the page and refuses non-http ones', () => {
    expect(resolveLink('../c.html?utm_campaign=z#x', 'http://a.example/b/d/e.html')).toBe('http://a.example/b/c.html');
    expect(resolveLink('javascript:void(0)', 'http://a.example/')).toBeNull();
    expect(resolveLink('mailto:a@b.c', 'http://a.example/')).toBeNull();
    expect(resolveLink(undefined, 'http://a.example/')).toBeNull();
  });

  it('allows subdomains of allowed domains only', () => {
    expect(isAllowedHost('bbs.example.com', ['example.com'])).toBe(true);
    expect(isAllowedHost('example.com', ['example.com'])).toBe(true);
    expect(isAllowedHost('badexample.com', ['example.com'])).toBe(false);
    expect(isAllowedHost('example.com.evil.net', ['example.com'])).toBe(false);
  });
});
