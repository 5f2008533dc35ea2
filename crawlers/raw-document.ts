/**
 * RawDocument: what a crawl produces and the `analyze` queue carries. Defined once; every consumer parses job data
 * with this schema, because a job may have been written by an older deploy.
 */
import { z } from 'zod';

export const RawDocument = z.object({
  /** sha1 hex of `sourceId + "\n" + canonicalUrl`: the id at every hop (BullMQ job id, Elasticsearch _id). */
  docId: z.string().regex(/^[0-9a-f]{40}$/),
  sourceId: z.string().min(1),
  /** Canonical URL (tracking params and fragment removed). */
  url: z.string().url(),
  title: z.string(),
  /** Clean text of the article/post (no markup), as published — may still contain contact ids; never indexed as is. */
  body: z.string(),
  /** ISO-8601 with offset, or null when the page gives no date. */
  publishedAt: z.string().datetime({ offset: true }).nullable(),
  /** Salted sha256 of the author name/id (or the clear name when the source opts in), null when unknown. */
  author: z.string().nullable(),
  fetchedAt: z.string().datetime({ offset: true }),
  /** sha1 hex of title + body: an unchanged re-fetch has the same hash and produces no new version. */
  contentHash: z.string().regex(/^[0-9a-f]{40}$/),
  /** Topic keywords of the source that this document matched. */
  topics: z.array(z.string()).default([]),
  /** Source type that produced it. */
  sourceType: z.enum(['rss', 'atom', 'sitemap', 'html', 'json', 'browser', 'demo']).default('html'),
});

export type RawDocument = z.infer<typeof RawDocument>;
export type RawDocumentInput = z.input<typeof RawDocument>;
