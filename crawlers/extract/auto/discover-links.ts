/**
 * Automatic link discovery on a list page: given the loaded page and its URL, the links to article pages (with the
 * rule that admitted each) and the next-page link. Signals: the URL's shape (discover-links-url.ts), same site, the
 * link sitting in a list of repeated sibling blocks whose headlines are long (not a menu of short labels), not in
 * page furniture (header, nav, footer, pager, share bar) nor in a hidden block. Pure; never fetches, never throws.
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { canonicalUrl } from '../canonical-url.js';
import { siteOf, urlShape, urlTemplate, type UrlShape } from './discover-links-url.js';
import { findNextPage } from './discover-links-next.js';

export interface DiscoveredLink {
  url: string;
  /** The link's visible text (the headline). */
  text: string;
  /** Why it was taken: `list-item` (a detail URL in a list of headlines), `headline` (a long headline with a detail URL outside a list), `list-template` (a headline whose URL shape the list's other headlines share). */
  rule: 'list-item' | 'headline' | 'list-template';
}

export interface DiscoveredLinks {
  articles: DiscoveredLink[];
  /** The next list page, or null on the last page (or when the page shows none). */
  nextPage: string | null;
}

/** Headline length: CJK characters count one each, Latin words two (so "Bank raises rates" ≈ 6 characters). */
export function headlineLength(text: string): number {
  const cjk = text.match(/[\u3400-\u9fff\uf900-\ufaff]/g)?.length ?? 0;
  const words = text.match(/[A-Za-z0-9]+/g)?.length ?? 0;
  return cjk + 2 * words;
}

/** A headline outside any list must be at least this long; a list whose median headline is shorter is a menu. */
const minHeadline = 8;
const minListHeadline = 5;
/** Repeated siblings needed to call a block a list, and how far up from a link to look for them. */
const minRepeats = 3;
const maxItemDepth = 8;

const furnitureTags = new Set(['header', 'nav', 'footer']);
const furnitureRoles = new Set(['navigation', 'banner', 'contentinfo', 'menubar', 'menu']);
const furnitureTokens = new Set(['nav', 'navbar', 'menu', 'header', 'head', 'hd', 'footer', 'ft', 'topbar', 'toolbar', 'breadcrumb', 'crumb', 'crumbs', 'copyright', 'pager', 'pagination', 'pages', 'share', 'login', 'sitemap']);

const classTokens = (el: Element): string[] =>
  `${el.attribs['class'] ?? ''} ${el.attribs['id'] ?? ''}`
    .toLowerCase()
    .split(/[\s_-]+/)
    .filter(Boolean);

const isElement = (node: AnyNode | null): node is Element => node !== null && node.type === 'tag';

export function isHidden(el: Element): boolean {
  return 'hidden' in el.attribs || /display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.attribs['style'] ?? '') || /(^|\s)hidden(\s|$)/.test(el.attribs['class'] ?? '');
}

function isFurniture(el: Element): boolean {
  if (furnitureTags.has(el.tagName) || furnitureRoles.has(el.attribs['role'] ?? '')) return true;
  return classTokens(el).some((t) => furnitureTokens.has(t));
}

/** The tag and first class of an element: siblings with the same signature are items of one list. */
const signature = (el: Element): string => `${el.tagName}.${(el.attribs['class'] ?? '').trim().split(/\s+/)[0] ?? ''}`;

interface ListStats {
  /** Median headline length of the items' longest links (items with text only): short = a menu. */
  medianHeadline: number;
  /** How many items' title links share each URL template. */
  templates: Map<string, number>;
  /** The title link (longest text) of each item. */
  titleOf: Map<Element, Element>;
}

const visibleText = ($: CheerioAPI, el: Element): string => $(el).text().replace(/\s+/g, ' ').trim();

function listStats($: CheerioAPI, container: Element, sig: string, resolve: (a: Element) => URL | null): ListStats {
  const titles: number[] = [];
  const templates = new Map<string, number>();
  const titleOf = new Map<Element, Element>();
  for (const item of container.children) {
    if (!isElement(item) || signature(item) !== sig) continue;
    const anchors = (item.tagName === 'a' ? [item] : $(item).find('a[href]').toArray()) as Element[];
    let best: Element | undefined;
    let bestLen = -1;
    for (const a of anchors) {
      const len = headlineLength(visibleText($, a));
      if (len > bestLen) [best, bestLen] = [a, len];
    }
    if (!best) continue;
    titleOf.set(item, best);
    // Image-only items (banners, ad slots) say nothing about whether the list is a menu.
    if (bestLen > 0) titles.push(bestLen);
    const url = resolve(best);
    if (url) templates.set(urlTemplate(url), (templates.get(urlTemplate(url)) ?? 0) + 1);
  }
  titles.sort((x, y) => x - y);
  return { medianHeadline: titles.length ? titles[Math.floor(titles.length / 2)]! : minListHeadline, templates, titleOf };
}

interface FoundList {
  item: Element;
  stats: ListStats;
}

/**
 * The list `a` belongs to: the nearest ancestor-or-self (within maxItemDepth) that repeats among its siblings and whose
 * list reads as headlines. A link whose only lists are menus of short labels gets 'menu'; one in no list, null.
 * Lists inside an item (a row's tag links) are menus, so the search goes on up to the item that holds the headline.
 */
function findList(a: Element, statsOf: (container: Element, sig: string) => ListStats): FoundList | 'menu' | null {
  let node: Element = a;
  let menu = false;
  for (let depth = 0; depth < maxItemDepth; depth++) {
    const parent = node.parent;
    if (!isElement(parent)) break;
    const sig = signature(node);
    let same = 0;
    for (const c of parent.children) if (isElement(c) && signature(c) === sig && ++same >= minRepeats) break;
    if (same >= minRepeats) {
      const stats = statsOf(parent, sig);
      // Above a menu, only the item's headline counts (a news row's tag links stay out).
      if (stats.medianHeadline >= minListHeadline) return !menu || stats.titleOf.get(node) === a ? { item: node, stats } : 'menu';
      menu = true;
    }
    node = parent;
  }
  return menu ? 'menu' : null;
}

export function discoverLinks($: CheerioAPI, pageUrl: string): DiscoveredLinks {
  let base: URL;
  try {
    base = new URL($('base[href]').first().attr('href')?.trim() ?? '', pageUrl);
  } catch {
    base = new URL(pageUrl);
  }
  const page = canonicalUrl(pageUrl);
  const site = siteOf(new URL(pageUrl).hostname);
  const resolve = (a: Element): URL | null => {
    const href = a.attribs['href']?.trim();
    if (!href || href.startsWith('#')) return null;
    try {
      const url = new URL(canonicalUrl(href, base.href));
      return /^https?:$/.test(url.protocol) && siteOf(url.hostname) === site && url.href !== page ? url : null;
    } catch {
      return null;
    }
  };
  const cache = new Map<Element, Map<string, ListStats>>();
  const statsOf = (container: Element, sig: string): ListStats => {
    const bySig = cache.get(container) ?? new Map<string, ListStats>();
    cache.set(container, bySig);
    const stats = bySig.get(sig) ?? listStats($, container, sig, resolve);
    bySig.set(sig, stats);
    return stats;
  };
  const articles = new Map<string, DiscoveredLink>();

  for (const a of $('a[href]').toArray() as Element[]) {
    const url = resolve(a);
    if (!url || articles.has(url.href)) continue;
    const shape: UrlShape = urlShape(url);
    const text = visibleText($, a);
    if (shape === 'never' || shape === 'channel' || !text) continue;
    const found = findList(a, statsOf);
    if (found === 'menu') continue;
    const item = found?.item;
    // Furniture and hidden blocks are judged above the list item only: inside it, class names like "card-header" are the item's own.
    let blocked = isHidden(a);
    for (let node: AnyNode | null = a.parent; !blocked && isElement(node); node = node.parent) {
      blocked = isHidden(node) || (node !== item && (!item || !$.contains(item, node)) && isFurniture(node));
    }
    if (blocked) continue;
    const list = found?.stats;
    const length = headlineLength(text);
    let rule: DiscoveredLink['rule'] | undefined;
    if (shape === 'detail') rule = list ? 'list-item' : length >= minHeadline ? 'headline' : undefined;
    else if (list && item && list.titleOf.get(item) === a && length >= minHeadline && (list.templates.get(urlTemplate(url)) ?? 0) >= minRepeats) rule = 'list-template';
    if (rule) articles.set(url.href, { url: url.href, text, rule });
  }
  return { articles: [...articles.values()], nextPage: findNextPage($, { page, base: base.href, site, resolveHidden: isHidden }) };
}
