/**
 * One pass over a parsed page: the visible text as an ordered list of lines (each tied to the block element that
 * holds it), and per-element counts (characters, characters inside links, punctuation) that the content scorer and
 * the noise filters read. Reads the DOM only; never changes it.
 */
import type { AnyNode, Element } from 'domhandler';
import { blockTags, isHidden, skipTags } from './noise-hints.js';

export interface TextCounts {
  /** Visible non-space characters. */
  chars: number;
  /** Of those, characters inside <a>. */
  linkChars: number;
  /** Sentence punctuation outside links (，。；！？、 and ASCII , ; ! ?; not colons, which dates and labels carry). */
  punct: number;
  /** Links (<a> with text) inside. */
  links: number;
}

export interface TextLine {
  text: string;
  /** Nearest block-level element holding the line. */
  block: Element;
  counts: TextCounts;
  /** Position in document order. */
  index: number;
}

export interface PageText {
  lines: TextLine[];
  counts: Map<Element, TextCounts>;
  /** Line indexes of each block element's first and last line (elements with text only). */
  span: Map<Element, [number, number]>;
}

const punctuation = /[，。；！？、,;!?]/g;
const spaceRun = /[\s\u00a0\u2002\u2003\u2009\u3000\u200b\ufeff]+/g;

export const normalizeSpace = (s: string): string => s.replace(spaceRun, ' ').trim();

const countOf = (text: string): number => text.replace(spaceRun, '').length;

const empty = (): TextCounts => ({ chars: 0, linkChars: 0, punct: 0, links: 0 });

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** Pages nest deeper than this only by broken markup; text below it is still read, without element counts. */
const maxDepth = 400;

export function readPageText(root: AnyNode): PageText {
  const lines: TextLine[] = [];
  const counts = new Map<Element, TextCounts>();
  const span = new Map<Element, [number, number]>();
  let buffer = '';
  let bufferLinkChars = 0;
  let bufferPunct = 0;
  const blockStack: Element[] = [];

  const flush = (): void => {
    const text = normalizeSpace(buffer);
    const block = blockStack[blockStack.length - 1];
    if (text && block) {
      const chars = countOf(text);
      lines.push({ text, block, counts: { chars, linkChars: Math.min(chars, bufferLinkChars), punct: bufferPunct, links: 0 }, index: lines.length });
    }
    buffer = '';
    bufferLinkChars = 0;
    bufferPunct = 0;
  };

  const visit = (node: AnyNode, inLink: boolean, depth: number): TextCounts => {
    if (node.type === 'text') {
      const data = node.data;
      buffer += data;
      const chars = countOf(data);
      if (chars === 0) return empty();
      const punct = inLink ? 0 : (data.match(punctuation)?.length ?? 0);
      if (inLink) bufferLinkChars += chars;
      bufferPunct += punct;
      return { chars, linkChars: inLink ? chars : 0, punct, links: 0 };
    }
    if (!isElement(node)) {
      if (node.type === 'root' || node.type === 'cdata') return visitChildren(node.children, inLink, depth);
      return empty();
    }
    const name = node.name.toLowerCase();
    if (skipTags.has(name) || isHidden(node)) return empty();
    if (name === 'br' || name === 'hr') {
      flush();
      return empty();
    }
    const isBlock = blockTags.has(name);
    const isLink = name === 'a';
    if (isBlock) {
      flush();
      blockStack.push(node);
    }
    const first = lines.length;
    const c = depth > maxDepth ? empty() : visitChildren(node.children, inLink || isLink, depth + 1);
    if (isBlock) {
      flush();
      blockStack.pop();
    }
    if (isLink && c.chars > 0) c.links += 1;
    if (c.chars > 0) counts.set(node, c);
    if (isBlock && lines.length > first) span.set(node, [first, lines.length - 1]);
    return c;
  };

  const visitChildren = (children: AnyNode[], inLink: boolean, depth: number): TextCounts => {
    const total = empty();
    for (const child of children) {
      const c = visit(child, inLink, depth);
      total.chars += c.chars;
      total.linkChars += c.linkChars;
      total.punct += c.punct;
      total.links += c.links;
    }
    return total;
  };

  visit(root, false, 0);
  flush();
  return { lines, counts, span };
}

/** Share of an element's characters that sit inside links (0 when it has no text). */
export function linkDensity(c: TextCounts | undefined): number {
  return c && c.chars > 0 ? c.linkChars / c.chars : 0;
}
