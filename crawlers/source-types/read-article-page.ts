/**
 * One article page → one draft, field by field: a field given as a selector is read by it (as before), every field
 * left out or written `auto` comes from automatic extraction (crawlers/extract/auto/extract-article.ts), in the
 * source's zone. When the body is automatic and the page holds no article, the draft carries `notArticle` (no
 * document, counted) unless the feed item that led here has text of its own. The rule behind each field is logged at
 * debug level.
 */
import * as cheerio from 'cheerio';
import type { DetailSelectors } from '../sources/source-config.js';
import { extractFields, isSelector } from '../extract/extract-fields.js';
import { extractArticle, type ArticleExtraction } from '../extract/auto/extract-article.js';
import { toZonedIso } from '../extract/chinese-dates.js';
import type { FetchedPage, HandlerContext, ItemDraft, PageResult } from './page-handler.js';

type AutoFieldName = 'title' | 'body' | 'author' | 'publishedAt';
const fieldNames: readonly AutoFieldName[] = ['title', 'body', 'author', 'publishedAt'];

export function readArticlePage(page: FetchedPage, detail: DetailSelectors, ctx: HandlerContext, sourceId?: string): PageResult {
  const $ = cheerio.load(page.text);
  const f = extractFields($, detail);
  const draft = page.draft ?? {};
  const autoFields = fieldNames.filter((name) => !isSelector(detail[name]));
  const item: ItemDraft = {
    url: page.url,
    title: f.title || draft.title || '',
    body: f.body || draft.body || '',
    author: f.author || draft.author || '',
    publishedAtText: f.publishedAtText || draft.publishedAtText || '',
    marker: draft.marker,
  };
  if (autoFields.length === 0) return { items: [item], follow: [] };

  const now = ctx.now();
  const found: ArticleExtraction = extractArticle($, { url: page.finalUrl, timezone: ctx.timezone, now });
  const rules: Partial<Record<AutoFieldName, string>> = {};
  if (found.kind === 'not-article') {
    // Only an automatic body makes the verdict: with a body selector the source has said where the article is.
    if (autoFields.includes('body') && !draft.body) item.notArticle = { reason: found.reason, detail: found.detail };
    ctx.log.debug({ sourceId, url: page.url, reason: found.reason, detail: found.detail }, 'automatic extraction: no article on the page');
    return { items: [item], follow: [] };
  }
  // A feed's own title/date/author stay the fallback of a field the page does not give.
  for (const name of autoFields) {
    if (name === 'title') [item.title, rules.title] = [found.title.value || item.title, found.title.rule];
    if (name === 'body') [item.body, rules.body] = [found.body.value || item.body, found.body.rule];
    if (name === 'author' && found.author) [item.author, rules.author] = [found.author.value, found.author.rule];
    if (name === 'publishedAt' && found.publishedAt) [item.publishedAtText, rules.publishedAt] = [toZonedIso(found.publishedAt.value, ctx.timezone), found.publishedAt.rule];
  }
  ctx.log.debug({ sourceId, url: page.url, rules }, 'automatic extraction');
  return { items: [item], follow: [] };
}
