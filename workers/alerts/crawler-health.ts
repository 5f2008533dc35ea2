/**
 * Crawler-health alerts from plain crawl-run summaries (the shape of workers/source-runs SourceRun): a source that
 * yielded nothing, one whose requests mostly failed, and one that has not run for too long. Pure.
 */
import type { Alert } from './alert.js';

export interface CrawlRunSummary {
  sourceId: string;
  finishedAt: string;
  pagesFetched: number;
  documentsEmitted: number;
  errors: number;
  ok?: boolean;
  message?: string;
  /** CrawlSummary.skipped: `seen`/`unchanged` mean the source still yields known articles (nothing new is fine). */
  skipped?: Partial<Record<string, number>>;
}

export interface CrawlerHealthOptions {
  now: number;
  /** Share of failed requests (errors / (pages + errors)) at which a run counts as mostly errors. @default 0.5 */
  maxErrorShare?: number;
  /** Fewer requests than this are too few to judge an error share. @default 3 */
  minRequests?: number;
  /** A source whose last run finished longer ago than this is stale. @default 48 */
  staleAfterHours?: number;
}

export function crawlerHealthAlerts(runs: readonly CrawlRunSummary[], options: CrawlerHealthOptions): Alert[] {
  const raisedAt = new Date(options.now).toISOString();
  const alerts: Alert[] = [];
  for (const run of runs) {
    const scope = `source ${run.sourceId}`;
    const requests = run.pagesFetched + run.errors;
    const errorShare = requests === 0 ? 0 : run.errors / requests;
    const detail = run.message ? `\nLast message: ${run.message}` : '';
    const base = { scope, period: run.finishedAt, raisedAt };
    if (requests >= (options.minRequests ?? 3) && errorShare >= (options.maxErrorShare ?? 0.5)) {
      alerts.push({
        ...base,
        key: `crawler_errors|${run.sourceId}|${run.finishedAt}`,
        kind: 'crawler_errors',
        severity: errorShare >= 0.9 ? 'critical' : 'warning',
        title: `Crawler ${run.sourceId}: ${Math.round(errorShare * 100)}% of requests failed`,
        explanation: `The run of ${run.sourceId} that finished at ${run.finishedAt} made ${requests} requests: ${run.errors} failed, ${run.pagesFetched} succeeded, ${run.documentsEmitted} documents.${detail}`,
        observed: errorShare,
      });
    } else if (yieldedNothing(run) && run.message?.startsWith('SITE_UNREACHABLE')) {
      // The site is down (or its address wrong): say so, not "yielded nothing".
      alerts.push({
        ...base,
        key: `crawler_silent|${run.sourceId}|${run.finishedAt}`,
        kind: 'crawler_silent',
        severity: 'critical',
        title: `Crawler ${run.sourceId} could not reach its site: ${run.message.replace(/^SITE_UNREACHABLE \S+: /, '').replace(/; nothing on this site was fetched$/, '')}`,
        explanation: `The run of ${run.sourceId} that finished at ${run.finishedAt} fetched nothing: ${run.message}. Is the site up, and are its host name and port right in the sources file?`,
        observed: run.documentsEmitted,
      });
    } else if (yieldedNothing(run)) {
      const why = run.pagesFetched === 0 ? 'fetched no pages at all' : `fetched ${run.pagesFetched} pages but extracted no documents, new or known (selectors or page layout changed?)`;
      alerts.push({
        ...base,
        key: `crawler_silent|${run.sourceId}|${run.finishedAt}`,
        kind: 'crawler_silent',
        severity: run.ok === false ? 'critical' : 'warning',
        title: `Crawler ${run.sourceId} yielded nothing`,
        explanation: `The run of ${run.sourceId} that finished at ${run.finishedAt} ${why}; ${run.errors} errors.${detail}`,
        observed: run.documentsEmitted,
      });
    }
    const ageHours = (options.now - Date.parse(run.finishedAt)) / 3_600_000;
    if (ageHours > (options.staleAfterHours ?? 48)) {
      alerts.push({
        ...base,
        key: `crawler_stale|${run.sourceId}|${run.finishedAt}`,
        kind: 'crawler_stale',
        severity: 'warning',
        title: `Crawler ${run.sourceId} has not run for ${Math.floor(ageHours)} hours`,
        explanation: `The last run of ${run.sourceId} finished at ${run.finishedAt}; is its schedule still registered and are the workers running?`,
        observed: ageHours,
      });
    }
  }
  return alerts;
}

/**
 * Nothing new is normal on a recrawl (seen articles are not even fetched), so "yielded nothing" means: no pages at
 * all, a failed run, or pages fetched with neither new nor known (seen/unchanged) documents — the last one can only
 * be told apart when the summary carries its skip counts.
 */
function yieldedNothing(run: CrawlRunSummary): boolean {
  if (run.ok === false || run.pagesFetched === 0) return run.documentsEmitted === 0;
  if (run.documentsEmitted > 0 || !run.skipped) return false;
  return (run.skipped['seen'] ?? 0) + (run.skipped['unchanged'] ?? 0) === 0;
}
