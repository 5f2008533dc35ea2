/**
 * The hand-written expectations for the shared article pages (test/fixtures/extraction/article-expectations.json)
 * and how an extraction is checked against them, field by field. Shared by `npm run eval:extract` and the unit test
 * that asserts every page, so both count the same way.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import { decodeBody } from '../../decode-body.js';
import { extractArticle, type ArticleExtraction } from '../extract-article.js';

export interface PageExpectation {
  /** Path under pages/article/, e.g. "163/1.html". */
  page: string;
  title: string;
  /** Wall time in Asia/Shanghai: "YYYY-MM-DD HH:mm", or "YYYY-MM-DD" when the page shows only a day. */
  publishedAt: string;
  /** Accepted names; null when the page names no author. */
  author: string[] | null;
  bodyFirst: string;
  bodyLast: string;
  notInBody: string[];
}

export const expectationsFile = fileURLToPath(new URL('../../../../test/fixtures/extraction/article-expectations.json', import.meta.url));
export const sharedPagesDir = fileURLToPath(new URL('../../../../../shared/data/extraction/pages/article/', import.meta.url));
export const sharedPagesPresent = (): boolean => existsSync(sharedPagesDir);

/** Relative dates on the pages ("昨天") are read against this instant; the pages were saved in 2019–2020. */
export const evalNow = new Date('2021-01-01T00:00:00+08:00');
export const evalTimezone = 'Asia/Shanghai';

export function loadExpectations(): PageExpectation[] {
  return (JSON.parse(readFileSync(expectationsFile, 'utf8')) as { pages: PageExpectation[] }).pages;
}

export function extractSharedPage(page: string): ArticleExtraction {
  const bytes = readFileSync(sharedPagesDir + page);
  const $ = cheerio.load(decodeBody(bytes).text);
  return extractArticle($, { url: `file:///${page}`, timezone: evalTimezone, now: evalNow });
}

const squash = (s: string): string => s.replace(/\s+/g, '');

/** "YYYY-MM-DD HH:mm" of an instant in the evaluation zone. */
export function wallMinute(at: Date): string {
  return at.toLocaleString('sv-SE', { timeZone: evalTimezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

export interface FieldVerdicts {
  title: boolean;
  date: boolean;
  /** null when the page names no author (not scored). */
  author: boolean | null;
  /** A name returned for a page that names none. */
  spuriousAuthor: boolean;
  body: boolean;
  /** Why the body failed: missing first/last sentence or the furniture found in it. */
  bodyProblems: string[];
}

export function checkPage(exp: PageExpectation, got: ArticleExtraction): FieldVerdicts {
  if (got.kind !== 'article') {
    return { title: false, date: false, author: exp.author ? false : null, spuriousAuthor: false, body: false, bodyProblems: [`not-article: ${got.reason} (${got.detail})`] };
  }
  const body = squash(got.body.value);
  const bodyProblems: string[] = [];
  if (!body.includes(squash(exp.bodyFirst))) bodyProblems.push(`first sentence missing: ${exp.bodyFirst}`);
  if (!body.includes(squash(exp.bodyLast))) bodyProblems.push(`last sentence missing: ${exp.bodyLast}`);
  for (const s of exp.notInBody) if (body.includes(squash(s))) bodyProblems.push(`contains: ${s}`);
  const minute = got.publishedAt ? wallMinute(got.publishedAt.value) : '';
  const author = got.author?.value ?? '';
  return {
    title: squash(got.title.value) === squash(exp.title),
    date: minute !== '' && minute.startsWith(exp.publishedAt),
    author: exp.author ? author.length > 0 && author.length <= 40 && exp.author.some((a) => author.includes(a)) : null,
    spuriousAuthor: exp.author === null && author !== '',
    body: bodyProblems.length === 0,
    bodyProblems,
  };
}
