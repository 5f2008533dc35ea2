/**
 * Regexes from the sources file: `(a+)+$` froze a worker on a 40-character URL (JavaScript backtracking), `([` passed
 * `pulse crawl` and died as UNEXPECTED after three tries. Now RE2 decides the first in linear time, and the second is
 * SOURCE_CONFIG_INVALID up front (CLI) or at once (a job already queued), naming file, source, field and pattern.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { startHostileCase, type HostileCase } from './hostile-case.js';
import { serveHostile, type HostileServer } from './hostile-server.js';
import { articlePage, hostileSource } from './hostile-sources.js';
import { repoRoot } from '../faults/worker-process.js';
import type { DeadLetter } from '../../workers/dead-letters.js';

const exec = promisify(execFile);
let hc: HostileCase | undefined;
let site: HostileServer | undefined;
afterEach(async () => {
  await site?.close();
  await hc?.cleanup();
  hc = site = undefined;
});

const sitemapSource = (id: string, baseUrl: string, urlPattern: string): Record<string, unknown> =>
  hostileSource(id, { type: 'sitemap', sitemapUrls: [`${baseUrl}/sitemap.xml`], urlPattern, detail: { title: 'h1', body: 'article' } });

describe('hostile urlPattern', () => {
  it('urlpattern-backtracking: "(a+)+$" is matched in linear time', async () => {
    hc = await startHostileCase('urlpattern-backtracking');
    // Two URLs end in a's (they match), two end in "!" after 40 and 60 a's (2^40 steps for a backtracking engine).
    const paths = [`/${'a'.repeat(40)}`, `/x/${'a'.repeat(30)}`, `/${'a'.repeat(40)}!`, `/${'a'.repeat(60)}!`];
    site = await serveHostile((_req, res, url) => {
      if (url.pathname === '/sitemap.xml') {
        const locs = paths.map((p) => `<url><loc>${site?.baseUrl}${p}</loc></url>`).join('');
        res.writeHead(200, { 'content-type': 'application/xml' }).end(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs}</urlset>`);
      } else if (url.pathname === '/robots.txt') res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage(`微商${url.pathname.length}`));
    });
    const file = hc.sourcesFile([sitemapSource('urlpattern-backtracking', site.baseUrl, '(a+)+$')]);
    const out = await hc.crawl('urlpattern-backtracking', file, 60_000);
    expect(out.state).toBe('completed');
    expect(out.summary).toMatchObject({ documentsEmitted: 2, pagesFetched: 3, errors: [] });
    expect(site.hits.filter((h) => h.endsWith('!'))).toEqual([]);
    expect(out.ms).toBeLessThan(5000);
    await hc.settle(60_000);
    await hc.finish('2 of 4 sitemap URLs matched, no error', out.ms);
  });

  it('urlpattern-invalid: "([" is SOURCE_CONFIG_INVALID up front, naming file, source, field and pattern', async () => {
    hc = await startHostileCase('urlpattern-invalid');
    const file = hc.sourcesFile([sitemapSource('urlpattern-invalid', 'http://127.0.0.1:9', '([')]);
    const expected = `invalid sources file ${file}: source "urlpattern-invalid", field urlPattern: is not a regular expression the crawler accepts (RE2 syntax: no backreferences or lookaround): missing closing ]: \`[\`, got "(["`;
    const t0 = Date.now();
    const cli = await exec(process.execPath, ['workers/cli/pulse.mjs', 'crawl', 'urlpattern-invalid', '--sources', file], {
      cwd: repoRoot,
      env: { ...process.env, REDIS_URL: hc.run.config.redisUrl, PULSE_QUEUE_PREFIX: hc.run.config.queuePrefix, PULSE_LOG_LEVEL: 'warn' },
      timeout: 60_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code?: number; stderr?: string }) => ({ code: e.code ?? 1, stderr: e.stderr ?? '' }),
    );
    const cliMs = Date.now() - t0;
    expect(cli.code).toBe(1);
    expect(cli.stderr.trim()).toBe(`pulse: ${expected}`);
    expect(await hc.run.queues.crawl.count()).toBe(0);
    // A job queued before the file was edited (a schedule) fails at once, without retries, as a dead letter.
    const out = await hc.crawl('urlpattern-invalid', file, 60_000);
    expect(out.state).toBe('failed');
    expect(out.job.attemptsMade).toBe(1);
    await hc.run.waitFor('the dead letter', async () => (await hc!.run.queues.dead.count()) === 1, 30_000);
    const [letter] = await hc.run.queues.dead.getJobs(['waiting', 'completed', 'failed']);
    expect(letter?.data as DeadLetter).toMatchObject({ stage: 'crawl', code: 'SOURCE_CONFIG_INVALID', message: expected, attemptsMade: 1 });
    await hc.finish(`SOURCE_CONFIG_INVALID from pulse crawl in ${cliMs} ms; a queued job dead-lettered after 1 attempt`, out.ms);
  });
});
