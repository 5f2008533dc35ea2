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

/** <title> parts, the site and channel names dropped: Chinese sites write "标题_频道_网站", so the first part, unless
 * it is much shorter than another (a channel name in front). */
function titleTagHeadline(titleTag: string): string {
  const parts = titleTag.split(separators).map((p) => p.trim()).filter(Boolean);
  const first = parts[0];
  if (!first || parts.length <= 1) return titleTag.trim();
  const longest = parts.reduce((a, b) => (b.length > a.length ? b : a));
  return first.length * 2 >= longest.length ? first : longest;
}

/** Length of the longest common substring of a and b. */
function commonRun(a: string, b: string): number {
  let best = 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) {
        cur[j] = (prev[j - 1] ?? 0) + 1;
        if ((cur[j] ?? 0) > best) best = cur[j] ?? 0;
      }
    }
    prev = cur;
  }
  return best;
}

/** Labels some platforms print inside the headline element. */
const labels = /^(原创|独家|置顶|精华|转载|推荐|热门|视频|图集|专题)\s*/;

const headingSelector = 'h1, h2, h3, [class*="title"], [id*="title"], [class*="Title"], [id*="Title"], [class*="headline"]';

export function findTitle($: CheerioAPI): FoundTitle | undefined {
  const titleTag = normalizeSpace($('title').first().text());
  const tagKey = squash(titleTag);
  const headlineKey = squash(titleTagHeadline(titleTag));
  // A heading matches the <title> when they share a run of ≥ 4 characters covering half the shorter of the heading
  // and the <title>'s headline part (forums cut the <title>: "做微商三年 - 论坛" for "做微商三年，压货的坑…").
  let best: { text: string; el: Element; rule: string; score: number } | undefined;
  $(headingSelector).each((_, el) => {
    if (el.name === 'title' || el.name === 'meta' || el.name === 'head' || el.name === 'body' || el.name === 'html') return;
    const text = normalizeSpace($(el).text()).replace(labels, '');
    if (text.length < 4 || text.length > 120) return;
    const key = squash(text);
    const contained = tagKey.includes(key);
    const run = contained ? key.length : commonRun(key, tagKey);
    // A heading only partly in the <title> must cover most of the <title>'s headline (not a subheading sharing words).
    if (run < 4 || (contained ? run < 0.5 * Math.min(key.length, headlineKey.length || key.length) : run < 0.8 * headlineKey.length)) return;
    const score = run * 2 + (el.name === 'h1' ? 4 : el.name === 'h2' ? 2 : 0) + (tagKey.includes(key) ? 2 : 0);
    if (!best || score > best.score || (score === best.score && text.length > best.text.length)) best = { text, el, rule: /^h[1-6]$/.test(el.name) ? el.name : 'class:title', score };
  });
  if (best) return { field: { value: best.text, rule: best.rule }, element: best.el };
  const og = normalizeSpace($('meta[property="og:title"]').attr('content') ?? '');
  if (og.length >= 4) return { field: { value: og, rule: 'meta:og:title' } };
  // The page's one <h1>, when the <title> is too short or too different to confirm any heading.
  const h1s = $('h1').toArray();
  const only = h1s.length === 1 ? normalizeSpace($(h1s[0]).text()) : '';
  if (only.length >= 4 && only.length <= 120) return { field: { value: only, rule: 'h1' }, element: h1s[0] as Element };
  const fromTag = titleTagHeadline(titleTag);
  if (fromTag.length >= 2) return { field: { value: fromTag, rule: 'title-tag' } };
  const h1 = normalizeSpace($('h1').first().text());
  return h1 ? { field: { value: h1, rule: 'h1' } } : undefined;
}
