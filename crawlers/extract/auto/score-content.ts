/**
 * Finds the element(s) holding the article body. Readability-style candidate scoring adapted to Chinese pages: each
 * line of running text (enough characters outside links) scores by its sentence punctuation and length, and passes
 * that score up to its container and, decaying, to three more ancestors; a candidate keeps its score times
 * (1 - link density), plus a class/id prior. The best candidate is joined by siblings that also read as article text.
 */
import type { Element } from 'domhandler';
import { isBoilerplateLine } from './boilerplate-lines.js';
import { firstPostOf } from './first-post.js';
import { hintWeight } from './noise-hints.js';
import { linkDensity, type PageText, type TextLine } from './page-text.js';

export interface ContentChoice {
  /** The best candidate. */
  top: Element;
  /** Top plus the siblings that belong to the article, in document order. */
  nodes: Element[];
  score: number;
}

/** Line containers whose score belongs to their parent (a paragraph is not an article). */
const paragraphTags = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'dd', 'dt', 'figcaption', 'span', 'font', 'strong', 'b', 'tr', 'th', 'center']);

const tagPrior = (name: string): number => {
  if (name === 'div' || name === 'article' || name === 'section' || name === 'main') return 5;
  if (name === 'td' || name === 'pre' || name === 'blockquote') return 3;
  if (name === 'form' || name === 'ul' || name === 'ol' || name === 'dl' || name === 'li' || name === 'dd' || name === 'dt' || name === 'address') return -3;
  if (/^h[1-6]$/.test(name) || name === 'th') return -5;
  if (name === 'body' || name === 'html') return -20;
  return 0;
};

const decay = [1, 2, 6, 9, 12];
const siteFooter = /(举报电话|客服电话|联系电话|ICP备|ICP证|备案号|公网安备|郑重声明|网站地图|关于我们|联系我们|技术支持)/i;

/** Score of one line of running text, or 0 when it is too short or mostly links to count. */
export function lineScore(line: TextLine, minChars = 20): number {
  const own = line.counts.chars - line.counts.linkChars;
  // Headlines, date lines and link labels carry no sentence punctuation; running text does.
  if (own < minChars || linkDensity(line.counts) > 0.5 || line.counts.punct === 0) return 0;
  // Footers are full of punctuation too: copyright, licence and hotline lines score nothing.
  if (isBoilerplateLine(line.text) || siteFooter.test(line.text)) return 0;
  return 1 + line.counts.punct + Math.min(Math.floor(own / 100), 3);
}

export function scoreCandidates(page: PageText, minChars = 20): Map<Element, number> {
  const scores = new Map<Element, number>();
  const touch = (el: Element): number => {
    let s = scores.get(el);
    if (s === undefined) {
      s = tagPrior(el.name.toLowerCase()) + hintWeight(el);
      scores.set(el, s);
    }
    return s;
  };
  for (const line of page.lines) {
    const s = lineScore(line, minChars);
    if (s === 0) continue;
    let owner: Element | null = line.block;
    if (paragraphTags.has(owner.name.toLowerCase())) owner = parentElement(owner);
    for (let level = 0; owner && level < decay.length; level++) {
      scores.set(owner, touch(owner) + s / (decay[level] ?? 12));
      owner = parentElement(owner);
    }
  }
  for (const [el, s] of scores) scores.set(el, s * (1 - linkDensity(page.counts.get(el))));
  return scores;
}

export function parentElement(el: Element): Element | null {
  const p = el.parent;
  return p && (p.type === 'tag' || p.type === 'script' || p.type === 'style') ? (p as Element) : null;
}

/** Siblings that continue the article: scored near the top, or plain paragraphs of text. */
function belongsWithTop(sibling: Element, top: Element, topScore: number, scores: Map<Element, number>, page: PageText): boolean {
  if (sibling === top) return true;
  const threshold = Math.max(10, topScore * 0.2);
  const s = scores.get(sibling) ?? 0;
  // Known article-body classes on both sides (a page split in two "content" boxes) join on the prior alone.
  if (s >= threshold && hintWeight(sibling) >= 0) return true;
  const name = sibling.name.toLowerCase();
  if (name !== 'p' || hintWeight(sibling) < 0) return false;
  const c = page.counts.get(sibling);
  if (!c) return false;
  const own = c.chars - c.linkChars;
  const ld = linkDensity(c);
  return (own > 80 && ld < 0.25) || (own > 0 && own <= 80 && ld === 0 && c.punct > 0);
}

export function chooseContent(page: PageText): ContentChoice | null {
  let scores = scoreCandidates(page);
  // Short posts (a forum reply, a two-sentence note) have no 20-character line: count shorter sentences then.
  if (![...scores.values()].some((s) => s > 0)) scores = scoreCandidates(page, 6);
  let top: Element | null = null;
  let best = -Infinity;
  for (const [el, s] of scores) {
    if (s > best) {
      best = s;
      top = el;
    }
  }
  if (!top || best <= 0) return null;
  // A reply that outscores the opening post of a thread gives way to the opening post.
  const opening = firstPostOf(top, (el) => (page.counts.get(el)?.punct ?? 0) > 0);
  if (opening) return { top: opening, nodes: [opening], score: scores.get(opening) ?? best };
  const parent = parentElement(top);
  const siblings = parent ? parent.children.filter((n): n is Element => n.type === 'tag') : [top];
  const nodes = siblings.filter((sib) => belongsWithTop(sib, top, best, scores, page));
  return { top, nodes: nodes.length ? nodes : [top], score: best };
}
