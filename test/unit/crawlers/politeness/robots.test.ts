import { describe, expect, it } from 'vitest';
import { parseRobots } from '../../../../crawlers/politeness/robots.js';

const txt = `
# comment
User-agent: *
Disallow: /private/
Disallow: /*.pdf$
Allow: /private/open
Crawl-delay: 2

User-agent: PulseBot
User-agent: OtherBot
Disallow: /no-pulse/
`;

describe('robots.txt', () => {
  it('applies the group of our product token, longest match wins, allow wins ties', () => {
    const pulse = parseRobots(txt, 'PulseBot/0.1 (+https://example.org)');
    expect(pulse.isAllowed('http://a.example/no-pulse/x')).toBe(false);
    expect(pulse.isAllowed('http://a.example/private/x')).toBe(true);
    const other = parseRobots(txt, 'SomeCrawler/1.0');
    expect(other.isAllowed('http://a.example/private/x')).toBe(false);
    expect(other.isAllowed('http://a.example/private/open/y')).toBe(true);
    expect(other.isAllowed('http://a.example/doc.pdf')).toBe(false);
    expect(other.isAllowed('http://a.example/doc.pdf?x=1')).toBe(true);
    expect(other.crawlDelaySecs).toBe(2);
  });

  it('allows everything when empty, disallows everything with "Disallow: /"', () => {
    expect(parseRobots('', 'PulseBot').isAllowed('http://a.example/x')).toBe(true);
    expect(parseRobots('User-agent: *\nDisallow: /', 'PulseBot').isAllowed('http://a.example/x')).toBe(false);
    expect(parseRobots('User-agent: *\nDisallow:', 'PulseBot').isAllowed('http://a.example/x')).toBe(true);
  });
});
