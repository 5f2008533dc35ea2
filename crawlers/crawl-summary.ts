/**
 * What one crawl run did: pages fetched, documents emitted, every skipped URL counted under one reason, and the
 * page errors (url + code). Plain data, safe to log and to return from a BullMQ job.
 */
import type { CrawlErrorCode } from './errors.js';

export const skipReasons = [
  /** Article already seen in an earlier run (not fetched again). */
  'seen',
  /** Fetched or listed again, but its content hash had not changed. */
  'unchanged',
  /** Matched none of the source's topic keywords. */
  'offTopic',
  /** Disallowed by robots.txt. */
  'robots',
  /** Larger than limits.maxPageBytes. */
  'tooLarge',
  /** Link outside the source's allowed domains. */
  'offDomain',
  /** Host is (or redirected to) an internal address the config does not allow. */
  'forbiddenAddress',
  /** Over limits.maxPages or limits.maxDepth. */
  'limit',
  /** Feed/JSON items, article links and further list pages past limits.maxDocuments (see `limitReached`). */
  'documentLimit',
  /** Page held no title and no body text. */
  'empty',
  /** Automatic extraction found no article on the page (home or list page, login wall, "not found" page served with 200). */
  'notArticle',
  /** Any other failure (HTTP status, timeout after retries, parse error); listed in `errors`. */
  'error',
] as const;
export type SkipReason = (typeof skipReasons)[number];

export interface CrawlPageError {
  url: string;
  code: CrawlErrorCode;
  message: string;
}

export interface CrawlSummary {
  sourceId: string;
  sourceType: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** HTTP responses (or rendered pages) that were processed. */
  pagesFetched: number;
  documentsEmitted: number;
  skipped: Record<SkipReason, number>;
  errors: CrawlPageError[];
  /** Set when the run stopped taking documents at a limit: what happened and what to change. */
  limitReached?: { code: 'DOCUMENT_LIMIT'; message: string };
}

export function emptySummary(sourceId: string, sourceType: string, startedAt: Date): CrawlSummary {
  return {
    sourceId,
    sourceType,
    startedAt: startedAt.toISOString(),
    finishedAt: startedAt.toISOString(),
    durationMs: 0,
    pagesFetched: 0,
    documentsEmitted: 0,
    skipped: Object.fromEntries(skipReasons.map((r) => [r, 0])) as Record<SkipReason, number>,
    errors: [],
  };
}
