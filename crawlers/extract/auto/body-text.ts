/**
 * The article text of the chosen content nodes: paragraphs kept apart (one per block or <br> line), furniture inside
 * the container dropped (class/id hints, link-heavy lists and boxes, share bars, editor and copyright lines, the
 * headline and date line repeated on top, related-link sections at the end). Reads the DOM; never changes it.
 */
import type { AnyNode, Element } from 'domhandler';
import { isBoilerplateLine, isClosingLine, isSectionEnd } from './boilerplate-lines.js';
import { blockTags, furnitureTags, hintWeight, isHidden, skipTags } from './noise-hints.js';
import { isElement, linkDensity, normalizeSpace, type PageText } from './page-text.js';
import { looksLikeMetaLine } from './meta-line.js';

const boxTags = new Set(['ul', 'ol', 'dl', 'table', 'div', 'section', 'form', 'aside', 'p', 'header', 'footer', 'nav', 'center']);

/** A box inside the article that is a list of links or a toolbar rather than text. */
function isLinkBox(el: Element, page: PageText): boolean {
  const c = page.counts.get(el);
  if (!c) return false;
  const own = c.chars - c.linkChars;
  const ld = linkDensity(c);
  if (ld > 0.5) return true;
  if (ld > 0.3 && own < 100 && c.punct < 3) return true;
  return c.links >= 3 && own < 15 * c.links && c.punct < c.links;
}

function skipInside(el: Element, root: Element, page: PageText): boolean {
  const name = el.name.toLowerCase();
  if (skipTags.has(name) || isHidden(el)) return true;
  if (el === root) return false;
  // Inline elements (a keyword link inside a sentence) keep their text whatever their class says.
  if (furnitureTags.has(name) || (blockTags.has(name) && hintWeight(el) < 0)) return true;
  return boxTags.has(name) && isLinkBox(el, page);
}

/** Raw lines of the content nodes, in document order. */
export function contentLines(nodes: Element[], page: PageText): string[] {
  const out: string[] = [];
  let buffer = '';
  const flush = (): void => {
    const t = normalizeSpace(buffer);
    if (t) out.push(t);
    buffer = '';
  };
  const visit = (node: AnyNode, root: Element, depth: number): void => {
    if (node.type === 'text') {
      buffer += node.data;
      return;
    }
    if (!isElement(node)) return;
    if (skipInside(node, root, page) || depth > 400) return;
    const name = node.name.toLowerCase();
    if (name === 'br' || name === 'hr') return flush();
    const block = blockTags.has(name);
    if (block) flush();
    for (const child of node.children) visit(child, root, depth + 1);
    if (block) flush();
  };
  for (const root of nodes) {
    visit(root, root, 0);
    flush();
  }
  return out;
}

const squash = (s: string): string => s.replace(/[\s"'“”‘’「」《》<>]/g, '');

/** Lines → article paragraphs: furniture removed, headline/date lines trimmed from the top, sections cut at the end. */
export function articleParagraphs(lines: string[], title: string): string[] {
  const titleKey = squash(title);
  const kept: string[] = [];
  const charsFrom = (i: number): number => lines.slice(i).reduce((n, l) => n + l.length, 0);
  let seen = 0;
  for (const [i, line] of lines.entries()) {
    seen += line.length;
    // "相关新闻" closes the article only when less text follows than came before (a related box may open it too).
    if (isSectionEnd(line)) {
      if (kept.length > 0 && charsFrom(i + 1) <= seen) break;
      continue;
    }
    if (isBoilerplateLine(line)) {
      // An editor credit or a byline in the second half closes the article: what follows is the site's.
      if (kept.length > 0 && isClosingLine(line) && charsFrom(i + 1) <= seen) break;
      continue;
    }
    if (kept.length > 0 && isClosingLine(line) && charsFrom(i + 1) <= seen) {
      kept.push(line);
      break;
    }
    if (kept[kept.length - 1] === line) continue;
    kept.push(line);
  }
  // The container often starts with the headline and its date/source line, and may end with a byline or toolbar.
  while (kept.length > 1) {
    const first = kept[0] as string;
    const key = squash(first);
    const isTitle = titleKey.length > 0 && (key === titleKey || (key.includes(titleKey) && key.length <= titleKey.length + 12));
    if (isTitle || looksLikeMetaLine(first)) kept.shift();
    else break;
  }
  while (kept.length > 1 && looksLikeMetaLine(kept[kept.length - 1] as string)) kept.pop();
  return kept;
}
