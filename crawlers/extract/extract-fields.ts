/**
 * Reads an article page with the source's selectors: title, clean body text, author and the raw date text.
 * Takes a loaded cheerio document; gives strings (empty when a selector finds nothing, or when the field is `auto`:
 * automatic extraction fills those). Applies `remove` to the document first. Never throws on odd markup.
 */
import type { CheerioAPI } from 'cheerio';
import type { DetailField, DetailSelectors, FieldSelector } from '../sources/source-config.js';
import { cleanNodes, tidyText } from './clean-text.js';

export interface ExtractedFields {
  title: string;
  body: string;
  author: string;
  publishedAtText: string;
}

/** The selector fields of `detail`; a field left out counts as `auto`. */
export type SelectorFields = Partial<Pick<DetailSelectors, 'title' | 'body' | 'author' | 'publishedAt'>> & { remove?: readonly string[] };

/** True when the field is read by a selector (not `auto`, not left out). */
export const isSelector = (field: DetailField | undefined): field is FieldSelector => field !== undefined && field !== 'auto';

/** Text (or attribute) of the first element a field selector matches. */
export function readField($: CheerioAPI, field: DetailField | undefined): string {
  if (!isSelector(field)) return '';
  const { selector, attr } = typeof field === 'string' ? { selector: field, attr: undefined } : field;
  const el = $(selector).first();
  if (el.length === 0) return '';
  if (attr) return tidyText(el.attr(attr) ?? '');
  return cleanNodes(el.contents().toArray()).replace(/\s*\n+\s*/g, ' ');
}

export function extractFields($: CheerioAPI, detail: SelectorFields): ExtractedFields {
  for (const selector of detail.remove ?? []) $(selector).remove();
  const bodySelector = isSelector(detail.body) ? (typeof detail.body === 'string' ? detail.body : detail.body.selector) : undefined;
  // Several matches (e.g. one <div class="post"> per paragraph block) are joined, in document order.
  const body = bodySelector
    ? $(bodySelector)
        .toArray()
        .map((el) => cleanNodes([el]))
        .filter(Boolean)
        .join('\n\n')
    : '';
  return {
    title: readField($, detail.title) || (isSelector(detail.title) ? tidyText($('title').first().text()) : ''),
    body,
    author: readField($, detail.author),
    publishedAtText: readField($, detail.publishedAt),
  };
}
