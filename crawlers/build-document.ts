/**
 * ItemDraft → RawDocument: pages without an article skipped (`notArticle`), topic filter (keywords in title or body,
 * case-insensitive), date parsing in the source's zone, author hashed with the salt unless the source stores names,
 * ids and content hash. Pure; the caller decides what to do with skips.
 */
import { RawDocument } from './raw-document.js';
import { contentHash, documentId, hashAuthor } from './document-ids.js';
import { parseChineseDate } from './extract/chinese-dates.js';
import type { SourceConfig } from './sources/source-config.js';
import type { ItemDraft } from './source-types/page-handler.js';

export interface BuildContext {
  source: SourceConfig;
  authorSalt: string;
  timezone: string;
  now: Date;
}

export type BuildOutcome = { kind: 'doc'; doc: RawDocument } | { kind: 'skip'; reason: 'offTopic' | 'empty' | 'notArticle' };

export function matchTopics(text: string, topics: readonly string[]): string[] {
  const hay = text.toLowerCase();
  return topics.filter((t) => hay.includes(t.toLowerCase()));
}

export function buildDocument(draft: ItemDraft, ctx: BuildContext): BuildOutcome {
  // A page without an article gives no document, not one made of its navigation text.
  if (draft.notArticle) return { kind: 'skip', reason: 'notArticle' };
  const title = draft.title.trim();
  const body = draft.body.trim();
  if (!title && !body) return { kind: 'skip', reason: 'empty' };
  const topics = matchTopics(`${title}\n${body}`, ctx.source.topics);
  if (topics.length === 0) return { kind: 'skip', reason: 'offTopic' };
  const author = draft.author.trim();
  const doc = RawDocument.parse({
    docId: documentId(ctx.source.id, draft.url),
    sourceId: ctx.source.id,
    url: draft.url,
    title,
    body,
    publishedAt: parseChineseDate(draft.publishedAtText, { now: ctx.now, timezone: ctx.timezone }),
    author: author ? (ctx.source.storeAuthorNames ? author : hashAuthor(author, ctx.authorSalt)) : null,
    fetchedAt: ctx.now.toISOString(),
    contentHash: contentHash(title, body),
    topics,
    sourceType: ctx.source.type,
  });
  return { kind: 'doc', doc };
}
