/**
 * Automatic article extraction: a parsed page in, its title, body, publication time and author out, each with the
 * rule that gave it, or a not-article verdict with a reason. Reads the cheerio document and never changes it, so the
 * caller can still apply its own selectors afterwards. Never throws: odd markup yields a not-article verdict.
 */
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { articleParagraphs, contentLines } from './body-text.js';
import { findAuthor } from './find-author.js';
import { findPublishedAt } from './find-date.js';
import { findTitle } from './find-title.js';
import { judgeNotArticle } from './not-article.js';
import { normalizeSpace, readPageText, type PageText } from './page-text.js';
import { chooseContent } from './score-content.js';
import { readStructuredData } from './structured-data.js';

export interface AutoField<T> {
  value: T;
  /** Which rule or selector gave the value: 'meta:article:published_time', 'json-ld', 'text:发布时间', 'wechat:ct', 'density:div#js_content'… */
  rule: string;
}

export type ArticleExtraction =
  | { kind: 'article'; title: AutoField<string>; body: AutoField<string>; publishedAt?: AutoField<Date>; author?: AutoField<string>; publishedAtText?: string }
  | { kind: 'not-article'; reason: 'no-article-body' | 'login-wall' | 'not-found' | 'list-page'; detail: string };

export interface ExtractArticleInput {
  url: string;
  /** IANA zone of the source; wall-clock times on the page are read in it. */
  timezone: string;
  /** Reference for relative dates (3小时前, 昨天). @default new Date() */
  now?: Date;
}

const describe = (el: Element): string => {
  const id = el.attribs['id'];
  const cls = (el.attribs['class'] ?? '').trim().split(/\s+/)[0];
  return `${el.name}${id ? `#${id}` : cls ? `.${cls}` : ''}`;
};

const squash = (s: string): string => s.replace(/[\s"'“”‘’「」]/g, '');

/** First and last line of the content nodes in the page's line list. */
function contentSpan(page: PageText, nodes: Element[]): [number, number] {
  let first = Infinity;
  let last = -1;
  for (const n of nodes) {
    const s = page.span.get(n);
    if (s) {
      first = Math.min(first, s[0]);
      last = Math.max(last, s[1]);
    }
  }
  return first === Infinity ? [0, page.lines.length - 1] : [first, last];
}

/** Index of the headline's line: its element's first line, else the last line equal to it before the body. */
function titleLine(page: PageText, title: string, element: Element | undefined, limit: number): number {
  const span = element ? page.span.get(element) : undefined;
  if (span && span[0] <= limit) return span[0];
  const key = squash(title);
  for (let i = Math.min(limit, page.lines.length - 1); i >= 0; i--) if (squash(page.lines[i]?.text ?? '') === key) return i;
  return -1;
}

function run($: CheerioAPI, input: ExtractArticleInput): ArticleExtraction {
  const ctx = { now: input.now ?? new Date(), timezone: input.timezone };
  const page = readPageText($.root()[0] as unknown as Element);
  const scripts = $('script')
    .map((_, el) => $(el).text())
    .get()
    .join('\n');
  const structured = readStructuredData($, scripts);
  const title = findTitle($);
  const choice = chooseContent(page);
  const paragraphs = choice ? articleParagraphs(contentLines(choice.nodes, page), title?.field.value ?? '') : [];
  const body = paragraphs.join('\n\n');
  const verdict = judgeNotArticle($, page, choice?.top ?? null, body);
  if (verdict) return { kind: 'not-article', ...verdict };
  if (!choice || !title) return { kind: 'not-article', reason: 'no-article-body', detail: 'no text block and no headline' };

  const [start, end] = contentSpan(page, choice.nodes);
  const tIdx = titleLine(page, title.field.value, title.element, end);
  const inBody = new Set(paragraphs);
  const lineTexts = (from: number, to: number): string[] =>
    page.lines.slice(Math.max(0, from), Math.max(0, to + 1)).map((l) => l.text).filter((t) => !inBody.has(t));
  // Date and byline lines sit between the headline and the body (or, without a known headline, just above it).
  const headFrom = tIdx >= 0 ? tIdx + 1 : start - 12;
  const head = lineTexts(headFrom, Math.min(Math.max(start + 4, headFrom + 8), headFrom + 30));
  const tail = lineTexts(end - 4, end + 15);
  // Just above the body too: the headline found may be a copy inside the article box, below the date line.
  const aboveStart = lineTexts(start - 12, start + 2);
  const date = findPublishedAt({ zones: [head, aboveStart, tail], structured, ctx, url: input.url });
  // An element is above the body when its text is on a line before the first body paragraph (a forum's author box
  // may sit inside the post container, ahead of the post's text).
  const firstBodyLine = page.lines.findIndex((l, i) => i >= start && inBody.has(l.text));
  const bodyTop = firstBodyLine >= 0 ? firstBodyLine : start;
  const aboveBody = (el: Element): boolean => {
    const text = normalizeSpace($(el).text());
    for (let n: Element | null = el; n; n = n.parent && n.parent.type === 'tag' ? (n.parent as Element) : null) {
      const s = page.span.get(n);
      if (!s) continue;
      for (let i = s[0]; i <= Math.min(s[1], bodyTop - 1); i++) if (page.lines[i]?.text.includes(text)) return true;
      return false;
    }
    return false;
  };
  // Bylines also open the body ("新京报讯（记者 陆一夫）") or stand on a short line among its first paragraphs.
  const opening = [...paragraphs.slice(0, 2), ...paragraphs.slice(2, 8).filter((p) => p.length <= 30)];
  const author = findAuthor($, {
    head: [...head, ...opening],
    aboveBody,
    tail: [...paragraphs.slice(-3).reverse(), ...tail],
    structured,
    titleTag: $('title').first().text(),
  });
  return {
    kind: 'article',
    title: title.field,
    body: { value: body, rule: `density:${describe(choice.top)}${choice.nodes.length > 1 ? `+${choice.nodes.length - 1}` : ''}` },
    ...(date ? { publishedAt: date.field, publishedAtText: date.text } : {}),
    ...(author ? { author } : {}),
  };
}

export function extractArticle($: CheerioAPI, input: ExtractArticleInput): ArticleExtraction {
  try {
    return run($, input);
  } catch (error) {
    // Extraction is best effort over arbitrary markup: a bug here must cost one page, never the crawl.
    return { kind: 'not-article', reason: 'no-article-body', detail: `extraction failed: ${(error as Error).message}` };
  }
}
