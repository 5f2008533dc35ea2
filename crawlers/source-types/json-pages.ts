/**
 * Handler of `json` sources: items at `itemsPath`, fields read by dotted paths, text cleaned of markup, epoch
 * timestamps (s or ms) turned into ISO; paging by page number, next-page URL or cursor until a page has no items.
 */
import { deriveTitle } from '../extract/derive-title.js';
import type { JsonSource } from '../sources/source-config.js';
import { cleanHtml } from '../extract/clean-text.js';
import { resolveLink } from '../extract/canonical-url.js';
import { getPath, pathText } from '../extract/field-path.js';
import { CrawlError } from '../errors.js';
import type { FetchedPage, FollowLink, ItemDraft, PageHandler, PageResult } from './page-handler.js';

function dateText(item: unknown, path: string | undefined): string {
  if (!path) return '';
  const v = getPath(item, path);
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v > 1e12 ? v : v * 1000).toISOString();
  return typeof v === 'string' ? v : '';
}

function nextPage(source: JsonSource, page: FetchedPage, data: unknown): FollowLink | undefined {
  const paging = source.paging;
  let next: string | null = null;
  if (paging.type === 'page') {
    const url = new URL(page.url);
    const current = Number(url.searchParams.get(paging.param) ?? paging.start);
    url.searchParams.set(paging.param, String(current + 1));
    next = url.toString();
  } else if (paging.type === 'next-url') {
    next = resolveLink(pathText(data, paging.nextPath) || undefined, page.finalUrl);
  } else if (paging.type === 'cursor') {
    const cursor = pathText(data, paging.nextPath);
    if (cursor) {
      const url = new URL(page.url);
      url.searchParams.set(paging.param, cursor);
      next = url.toString();
    }
  }
  return next ? { url: resolveLink(next, page.finalUrl) ?? next, label: 'API', depth: page.depth + 1 } : undefined;
}

export function readJsonPage(source: JsonSource, page: FetchedPage): PageResult {
  let data: unknown;
  try {
    data = JSON.parse(page.text);
  } catch (error) {
    throw new CrawlError('PARSE_FAILED', `not JSON: ${page.url} (${(error as Error).message})`, { sourceId: source.id, url: page.url });
  }
  const list = getPath(data, source.itemsPath);
  if (!Array.isArray(list)) throw new CrawlError('PARSE_FAILED', `no array at itemsPath "${source.itemsPath}": ${page.url}`, { sourceId: source.id, url: page.url });
  // Drafts are built as the crawl loop pulls them (it stops at the run's document limit).
  function* items(): Generator<ItemDraft> {
    for (const item of list as unknown[]) {
      const id = pathText(item, source.fields.id);
      const link = source.fields.url ? pathText(item, source.fields.url) : source.itemUrlTemplate && id ? source.itemUrlTemplate.replaceAll('{id}', encodeURIComponent(id)) : '';
      const url = resolveLink(link || undefined, page.finalUrl);
      if (!url) continue;
      const body = cleanHtml(pathText(item, source.fields.text));
      yield {
        url,
        // Without fields.title (short-post APIs have none) the title is the text's first sentence, clipped.
        title: source.fields.title ? cleanHtml(pathText(item, source.fields.title)) : deriveTitle(body),
        body,
        author: pathText(item, source.fields.author),
        publishedAtText: dateText(item, source.fields.publishedAt),
      };
    }
  }
  const next = list.length > 0 ? nextPage(source, page, data) : undefined;
  return { items: items(), follow: next ? [next] : [] };
}

export function jsonHandler(source: JsonSource): PageHandler {
  return (page) => readJsonPage(source, page);
}
