/**
 * What markup says about itself: tags that never hold article text, hidden elements, and class/id words that mark
 * content (a prior, not a per-site table) or page furniture (navigation, share bars, comments, related links, ads).
 */
import type { Element } from 'domhandler';

/** Never read: no visible article text lives in these (video/audio/object stay: unclosed ones swallow the page). */
export const skipTags = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'svg', 'button', 'select', 'textarea', 'input', 'option',
  'head', 'embed', 'link', 'meta',
]);

/** Elements that start and end a line of text. */
export const blockTags = new Set([
  'p', 'div', 'section', 'article', 'main', 'li', 'ul', 'ol', 'dl', 'dd', 'dt', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'blockquote', 'pre', 'tr', 'td', 'th', 'table', 'tbody', 'thead', 'tfoot', 'header', 'footer', 'nav', 'aside',
  'figure', 'figcaption', 'form', 'fieldset', 'address', 'center', 'body', 'html', 'hr', 'caption', 'details', 'summary',
]);

/** Page furniture by tag: HTML5 pages say so themselves. */
export const furnitureTags = new Set(['nav', 'aside', 'footer', 'header']);

// Words, not substrings: "content-header" must not match "header" alone, so class/id values are split into tokens
// on '-', '_', spaces and camelCase before testing.
const negativeWords = new Set([
  'comment', 'comments', 'cmt', 'reply', 'replies', 'share', 'sharing', 'social', 'related', 'relate', 'relative',
  'recommend', 'recommends', 'rec', 'recom', 'footer', 'foot', 'copyright', 'sidebar', 'side', 'aside', 'nav', 'navbar',
  'menu', 'breadcrumb', 'crumb', 'crumbs', 'tags', 'tag', 'keyword', 'keywords', 'toolbar', 'tool', 'tools', 'print',
  'ad', 'ads', 'advert', 'advertisement', 'banner', 'popup', 'modal', 'login', 'subscribe', 'qrcode', 'ewm', 'erweima',
  'pager', 'pagination', 'prev', 'next', 'statement', 'disclaimer', 'zan', 'praise', 'reward', 'dashang', 'hot',
  'rank', 'ranking', 'topnav', 'header', 'masthead', 'widget', 'sponsor', 'promo', 'outbrain', 'taboola', 'download',
  'bottom', 'guess', 'more', 'fontsize', 'feedback', 'report', 'jubao', 'weixin', 'ecode', 'qr', 'wx', 'editor',
]);
const positiveWords = new Set([
  'article', 'content', 'contents', 'post', 'entry', 'text', 'body', 'main', 'story', 'detail', 'details', 'zoom',
  'cont', 'con', 'artical', 'paragraph', 'zw', 'zhengwen',
]);

/** Whole class/id values that are the article body on widely used platforms and CMSs: a strong prior. */
const contentIds = /^(js_content|article[-_]?content|articlecontent|content[-_]?article|post[-_]?content|entry[-_]?content|artibody|article_body|articlebody|main[-_]?content|text[-_]?content|news[-_]?content|newscontent|content[-_]?text|ctrlfscont|vsb_content|zoom|endtext|content_text|article-text|rich_media_content|detail[-_]?content|a-con|con_txt|trs_editor)$/i;

const tokensOf = (value: string): string[] =>
  value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_\-:]+/)
    .filter(Boolean);

const hintCache = new WeakMap<Element, number>();

/**
 * Class/id weight of an element: +25 content-like, -25 furniture-like, +50 for a known article-body id or class,
 * 0 when it says nothing (or both).
 */
export function hintWeight(el: Element): number {
  const cached = hintCache.get(el);
  if (cached !== undefined) return cached;
  const cls = el.attribs['class'] ?? '';
  const id = el.attribs['id'] ?? '';
  let weight = 0;
  if ((id && contentIds.test(id)) || cls.split(/\s+/).some((c) => contentIds.test(c))) weight = 50;
  else {
    const tokens = [...tokensOf(cls), ...tokensOf(id)];
    const neg = tokens.some((t) => negativeWords.has(t));
    const pos = tokens.some((t) => positiveWords.has(t));
    if (neg && !pos) weight = -25;
    else if (pos && !neg) weight = 25;
    const role = el.attribs['role'];
    if (role === 'navigation' || role === 'complementary' || role === 'contentinfo' || role === 'banner') weight = -25;
    if (el.attribs['itemprop'] === 'articleBody') weight = 50;
  }
  hintCache.set(el, weight);
  return weight;
}

/** True for elements a reader cannot see (display:none or the hidden attribute; WeChat's visibility:hidden is not). */
export function isHidden(el: Element): boolean {
  if (el.attribs['hidden'] !== undefined) return true;
  const style = el.attribs['style'];
  return style !== undefined && /display\s*:\s*none/i.test(style);
}
