import { describe, expect, it } from 'vitest';
import { crawlerHealthAlerts } from '../../../workers/alerts/crawler-health.js';

const now = Date.parse('2026-11-20T12:00:00Z');
const run = (over: Partial<Parameters<typeof crawlerHealthAlerts>[0][number]>) => ({
  sourceId: 's',
  finishedAt: '2026-11-20T11:00:00Z',
  pagesFetched: 10,
  documentsEmitted: 20,
  errors: 0,
  ...over,
});

describe('crawlerHealthAlerts', () => {
  it('is quiet for a healthy run', () => {
    expect(crawlerHealthAlerts([run({})], { now })).toEqual([]);
  });

  it('says a source could not reach its site, with the host and what happened, instead of "yielded nothing"', () => {
    const message = 'SITE_UNREACHABLE http://127.0.0.1:9/robots.txt: 127.0.0.1:9 unreachable: connection refused (site down or wrong port) [ECONNREFUSED]; nothing on this site was fetched';
    const [a, more] = crawlerHealthAlerts([run({ pagesFetched: 0, documentsEmitted: 0, errors: 1, ok: false, message })], { now });
    expect(more).toBeUndefined();
    expect(a).toMatchObject({ kind: 'crawler_silent', severity: 'critical' });
    expect(a!.title).toBe('Crawler s could not reach its site: 127.0.0.1:9 unreachable: connection refused (site down or wrong port) [ECONNREFUSED]');
    expect(a!.explanation).toContain('Is the site up, and are its host name and port right in the sources file?');
  });

  it('flags a source that yielded nothing, saying whether pages were fetched', () => {
    const [a] = crawlerHealthAlerts([run({ documentsEmitted: 0, skipped: { seen: 0, unchanged: 0, error: 0 } })], { now });
    expect(a).toMatchObject({ kind: 'crawler_silent', scope: 'source s', severity: 'warning' });
    expect(a!.explanation).toContain('fetched 10 pages but extracted no documents');
    // Nothing new but known articles still listed: a healthy recrawl. Without skip counts it cannot be judged.
    expect(crawlerHealthAlerts([run({ documentsEmitted: 0, skipped: { seen: 25 } })], { now })).toEqual([]);
    expect(crawlerHealthAlerts([run({ documentsEmitted: 0 })], { now })).toEqual([]);
    const [b] = crawlerHealthAlerts([run({ pagesFetched: 0, documentsEmitted: 0, ok: false, message: 'DNS failure' })], { now });
    expect(b).toMatchObject({ kind: 'crawler_silent', severity: 'critical' });
    expect(b!.explanation).toContain('fetched no pages at all');
    expect(b!.explanation).toContain('DNS failure');
  });

  it('flags mostly-failed runs but not one error in three requests', () => {
    expect(crawlerHealthAlerts([run({ pagesFetched: 3, errors: 7 })], { now })[0]).toMatchObject({ kind: 'crawler_errors', observed: 0.7 });
    expect(crawlerHealthAlerts([run({ pagesFetched: 2, errors: 1 })], { now })).toEqual([]);
  });

  it('flags a source whose last run is too old, keyed by that run so it is raised once', () => {
    const alerts = crawlerHealthAlerts([run({ finishedAt: '2026-11-17T12:00:00Z' })], { now });
    expect(alerts.map((a) => a.kind)).toEqual(['crawler_stale']);
    expect(alerts[0]!.key).toBe('crawler_stale|s|2026-11-17T12:00:00Z');
  });
});
