/**
 * The run's document limit (`limits.maxDocuments`): every document a feed or JSON page yields and every article link
 * admitted for fetching takes one unit; past the limit items and links are counted (skip reason `documentLimit`) and
 * not worked on, and list/API/sitemap pages are no longer followed. One feed of 36,000 items gave 36,000 documents
 * and a 1 GB worker (issue #15); `maxPages` does not see feed items.
 */
import type { CrawlSummary } from './crawl-summary.js';

export interface DocumentBudget {
  /** True while another document may be taken. */
  readonly open: boolean;
  /** One more document or article link taken. */
  take(): void;
  /** One item or link refused because the limit was reached. */
  refuse(): void;
  /** The line for the summary and the log once something was refused; undefined while nothing was. */
  notice(): string | undefined;
}

export function createDocumentBudget(limit: number, summary: CrawlSummary): DocumentBudget {
  let taken = 0;
  return {
    get open() {
      return taken < limit;
    },
    take: () => void taken++,
    refuse: () => void summary.skipped.documentLimit++,
    notice: () =>
      summary.skipped.documentLimit === 0
        ? undefined
        : `document limit reached: this run took ${limit} documents and article links (limits.maxDocuments); ` +
          `${summary.skipped.documentLimit} more items, links and pages were left for later runs — raise limits.maxDocuments or crawl more often`,
  };
}
