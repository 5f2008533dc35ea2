/**
 * The headline of an article page: the heading (h1–h3, an element whose class/id says "title", og:title) that the
 * page's <title> contains, the longest such; else the <title> with the site name cut off ("标题_频道_网站").
 */
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { AutoField } from './extract-article.js';
import { normalizeSpace } from './page-text.js';

export interface FoundTitle {
  field: AutoField<string>;
  /** The element showing it on the page, when one does. */
  element?: Element;
}

const squash = (s: string): string => s.replace(/[\s"'“”‘’「」]/g, '').toLowerCase();
const separators = /\s*(?:_{1,2}|\||｜|--|—{1,2}|–| - |-(?=[^-]*$)|::|»)\s*/;

/** <title> parts, the site and channel names dropped (the longest part is the headline on nearly every site). */
function titleTagHeadline(titleTag: string): string {
  const parts = titleTag.split(separators).map((p) => p.trim()).filter(Boolean);
  if (parts.length <= 1) return titleTag.trim();
  return parts.reduce((a, b) => (b.length > a.length ? b : a));
}

const headingSelector = 'h1, h2, h3, [class*="title"], [id*="title"], [class*="Title"], [id*="Title"], [class*="headline"]';

export function findTitle($: CheerioAPI): FoundTitle | undefined {
  const titleTag = normalizeSpace($('title').first().text());
  const tagKey = squash(titleTag);
  let best: { text: string; el: Element; rule: string } | undefined;
  $(headingSelector).each((_, el) => {
    if (el.name === 'title' || el.name === 'meta' || el.name === 'head' || el.name === 'body' || el.name === 'html') return;
    const text = normalizeSpace($(el).text());
    if (text.length < 4 || text.length > 120) return;
    const key = squash(text);
    if (!tagKey.includes(key)) return;
    if (!best || text.length > best.text.length) best = { text, el, rule: /^h[1-6]$/.test(el.name) ? el.name : 'class:title' };
  });
  if (best) return { field: { value: best.text, rule: best.rule }, element: best.el };
  const og = normalizeSpace($('meta[property="og:title"]').attr('content') ?? '');
  if (og.length >= 4) return { field: { value: og, rule: 'meta:og:title' } };
  const fromTag = titleTagHeadline(titleTag);
  if (fromTag.length >= 2) return { field: { value: fromTag, rule: 'title-tag' } };
  const h1 = normalizeSpace($('h1').first().text());
  return h1 ? { field: { value: h1, rule: 'h1' } } : undefined;
}
