/**
 * HTML fragment → clean text: entities decoded, <br> and block ends become line breaks, scripts/styles dropped,
 * runs of spaces collapsed, paragraphs separated by one blank line. Works on cheerio elements or raw strings.
 */
import * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';

const blockTags = new Set(['p', 'div', 'section', 'article', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'tr', 'table', 'header', 'footer', 'dd', 'dt', 'figure', 'figcaption']);
const skipTags = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'button', 'select', 'form']);

function walk(nodes: AnyNode[], out: string[]): void {
  for (const node of nodes) {
    if (node.type === 'text') out.push(node.data);
    else if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      const name = node.name.toLowerCase();
      if (skipTags.has(name)) continue;
      if (name === 'br') {
        out.push('\n');
        continue;
      }
      const block = blockTags.has(name);
      if (block) out.push('\n\n');
      walk(node.children, out);
      if (block) out.push('\n\n');
    } else if (node.type === 'cdata' || node.type === 'root') walk(node.children, out);
  }
}

/** Normalizes whitespace of text that already had its markup turned into line breaks. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2002\u2003\u2009\u3000\t\f\v ]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function cleanNodes(nodes: AnyNode[]): string {
  const out: string[] = [];
  walk(nodes, out);
  return tidyText(out.join(''));
}

/** An HTML (or plain-with-entities) string → clean text; feed summaries often carry escaped HTML. */
export function cleanHtml(html: string): string {
  // Plain text (most feed titles) needs no parser: building one per item made a 36,000-item feed churn 300 MB.
  if (!/[<&]/.test(html)) return tidyText(html);
  const $ = cheerio.load(`<div id="__clean">${html}</div>`, null, false);
  return cleanNodes($('#__clean').contents().toArray());
}
