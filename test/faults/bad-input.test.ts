/**
 * Bad input end to end, through real `pulse workers` and CLI processes: a source serving malformed HTML, a page in
 * a charset its header denies, empty pages, a page over the size limit and a big one under it, binary files and a
 * 404; then an invalid sources file and an invalid config file. Each case must leave a clear trace against the source
 * or job (crawl summary, `pulse status` last run, dead letters, a one-line CLI error), the rest must complete, and
 * what was stored before must still be there.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultRun, type FaultRun } from './fault-run.js';
import { articleHtml, generateArticles } from './generated-site.js';
import { fixtureSource, writeSourcesFile } from './sources-file.js';
import { repoRoot } from './worker-process.js';
import { allDocuments, formatTally, tallyDocuments, unfinished } from './pipeline-tally.js';
import { stages } from '../../workers/pipeline.js';
import type { CrawlSummary } from '../../crawlers/index.js';

const exec = promisify(execFile);
const good = 200;
const extraGood = 50;
let run: FaultRun;
let badSources = '';
const gbkArticle = '<html><head><meta charset="gbk"><title>GBK</title></head><body><h1 class="title">微商代理退款难</h1><div class="meta"><span class="author">甲乙丙GBK作者</span><span class="pub">2026-10-03 10:00</span></div><div class="content"><p>上家拒绝退款，囤货压在家里。</p></div></body></html>';

/** The bad pages, linked from /list/bad.html together with 50 ordinary articles. */
const badPages: Record<string, { type: string; body: () => Buffer }> = {
  '/bad/malformed.html': {
    type: 'text/html; charset=utf-8',
    body: () => Buffer.from('<html><body><h1 class="title">微商退款<b>标签没闭合</h1><div class="meta"><span class="author">破损页作者<span class="pub">2026-10-02 08:00</div><div class="content"><p>代理跑路了<p>第二段<i>斜体没闭合<div>还有</span></b>乱序闭合'),
  },
  '/bad/garbage.html': { type: 'text/html; charset=utf-8', body: () => Buffer.from('<<<>>><html<<body>> \u0000\u0001 </></></ >>>') },
  '/bad/gbk-declared-in-meta.html': { type: 'text/html', body: () => iconv.encode(gbkArticle, 'gbk') },
  '/bad/gbk-but-header-says-utf8.html': { type: 'text/html; charset=utf-8', body: () => iconv.encode(gbkArticle.replace('微商代理退款难', '微商货款被骗'), 'gbk') },
  '/bad/empty.html': { type: 'text/html; charset=utf-8', body: () => Buffer.alloc(0) },
  '/bad/huge.html': { type: 'text/html; charset=utf-8', body: () => Buffer.from(articleHtml({ ...generateArticles(1, 99)[0]!, paragraphs: ['微商囤货'.repeat(300_000)] })) },
  '/bad/big-but-allowed.html': {
    type: 'text/html; charset=utf-8',
    body: () => Buffer.from(articleHtml({ ...generateArticles(1, 98)[0]!, title: '超长的微商帖子', paragraphs: Array.from({ length: 3000 }, (_, i) => `第${i}段：上级让我囤货，代理费交了却没有退款。`) })),
  },
  '/bad/image.png': { type: 'image/png', body: () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 4000 }, (_, i) => (i * 37) % 256)]) },
  '/bad/binary-as-html.html': { type: 'text/html', body: () => Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 131 + 7) % 256)) },
};

function badList(articles: Array<{ path: string; title: string }>): string {
  const links = [...Object.keys(badPages), '/bad/missing.html', ...articles.map((a) => a.path)];
  return `<html><head><meta charset="utf-8"></head><body><ul class="post-list">${links.map((p) => `<li><a class="title" href="${p}">x</a></li>`).join('\n')}</ul></body></html>`;
}

async function pulse(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const full = {
    ...process.env,
    REDIS_URL: run.config.redisUrl,
    ELASTICSEARCH_URL: run.config.elasticsearchUrl,
    PULSE_QUEUE_PREFIX: run.config.queuePrefix,
    PULSE_INDEX_PREFIX: run.config.indexPrefix,
    PULSE_LOG_LEVEL: 'warn',
    ...env,
  };
  return exec(process.execPath, ['workers/cli/pulse.mjs', ...args], { cwd: repoRoot, env: full, maxBuffer: 32 << 20, timeout: 120_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
  );
}

beforeAll(async () => {
  const articles = generateArticles(good + extraGood);
  const extra = articles.slice(good);
  run = await startFaultRun({
    name: 'bad-input',
    site: {
      count: good + extraGood,
      extra: (_req, res, url) => {
        if (url.pathname === '/list/bad.html') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(badList(extra));
          return true;
        }
        const page = badPages[url.pathname];
        if (!page) return false;
        const body = page.body();
        res.writeHead(200, { 'content-type': page.type, 'content-length': body.length }).end(body);
        return true;
      },
    },
    // The run's own source reads lists 1-2 (the first 200 articles); the bad source has its own list.
    startUrls: (site) => site.listUrls.slice(0, 2),
  });
  badSources = writeSourcesFile(run.dir, [fixtureSource({ id: 'bad-input', startUrls: [`${run.site.baseUrl}/list/bad.html`], maxPages: 200 })], 'bad.sources.yaml');
});

afterAll(async () => {
  await run?.cleanup();
});

const path = (url: string | undefined): string => (url ?? '').replace(run.site.baseUrl, '');

describe('bad input end to end', () => {
  it('records each bad page against its source and indexes everything else', async () => {
    const worker = run.spawnWorkers('workers');
    await run.enqueueCrawl();
    await run.waitForCompletion(120_000, good);
    run.mark(`good source crawled: ${await run.searchable()} searchable`);

    const job = await run.queues.crawl.add(stages.crawl.queue, { sourceId: 'bad-input', sourcesFile: badSources });
    // 50 ordinary articles + the malformed page (recovered), the GBK page declared in its meta, the big page.
    await run.waitForCompletion(180_000, good + extraGood + 4);
    const summary = (await run.queues.crawl.getJob(String(job.id)))?.returnvalue as CrawlSummary;
    run.mark(`bad-input crawl: pages ${summary.pagesFetched}, documents ${summary.documentsEmitted}, skipped ${JSON.stringify(summary.skipped)}, errors ${JSON.stringify(summary.errors.map((e) => `${e.code} ${path(e.url)}`))}`);

    // Each bad page leaves its trace in the run's summary: errors by URL, the rest counted under their skip reason.
    expect(Object.fromEntries(summary.errors.map((e) => [path(e.url), e.code]))).toEqual({
      '/bad/huge.html': 'PAGE_TOO_LARGE',
      '/bad/image.png': 'UNSUPPORTED_CONTENT',
      '/bad/missing.html': 'HTTP_STATUS',
    });
    // Empty body, markup garbage and random bytes sent as HTML hold no title or text.
    expect(summary.skipped.empty).toBe(3);
    // GBK bytes under a `charset=utf-8` header are not valid UTF-8: the crawler distrusts the header, reads the
    // page's own <meta charset> and stores the article correctly decoded.
    expect(summary.skipped.offTopic).toBe(0);
    expect(summary.skipped.tooLarge).toBe(1);
    expect(summary.documentsEmitted).toBe(extraGood + 4);
    // Every response is accounted for: a document, a skip with its reason, or an error (list page aside).
    const s = summary.skipped;
    expect(summary.pagesFetched).toBe(1 + summary.documentsEmitted + s.empty + s.offTopic + (s.error ?? 0));

    const docs = await allDocuments(run.es, run.alias);
    const bad = Object.fromEntries(docs.filter((d) => path(d._source?.url).startsWith('/bad/')).map((d) => [path(d._source?.url), d._source as Record<string, unknown>]));
    expect(Object.keys(bad).sort()).toEqual(['/bad/big-but-allowed.html', '/bad/gbk-but-header-says-utf8.html', '/bad/gbk-declared-in-meta.html', '/bad/malformed.html']);
    expect(bad['/bad/gbk-but-header-says-utf8.html']?.['title']).toBe('微商货款被骗');
    expect(bad['/bad/malformed.html']?.['title']).toContain('微商退款');
    expect(bad['/bad/gbk-declared-in-meta.html']?.['title']).toBe('微商代理退款难');
    // The big page (under the byte limit) is indexed, its text cut at the analyzer's limit and flagged as such.
    const big = bad['/bad/big-but-allowed.html'];
    expect(String(big?.['text']).length).toBeGreaterThan(40_000);
    expect(String(big?.['text']).length).toBeLessThanOrEqual(50_000);
    expect(big?.['flags']).toContain('truncated');
    // No mojibake and no clear author name reached the index.
    for (const d of docs) expect(JSON.stringify(d._source)).not.toMatch(/\uFFFD|�|破损页作者|甲乙丙GBK作者/);

    const status = JSON.parse((await pulse(['status', '--json'])).stdout) as { sources: Array<{ sourceId: string; errors: number; ok: boolean; message?: string; skipped?: Record<string, number> }> };
    const last = status.sources.find((r) => r.sourceId === 'bad-input');
    run.mark(`pulse status, last run of bad-input: ${JSON.stringify(last)}`);
    expect(last).toMatchObject({ errors: 3, skipped: { empty: 3, offTopic: 0, tooLarge: 1 } });
    expect(last?.message).toMatch(/PAGE_TOO_LARGE|UNSUPPORTED_CONTENT|HTTP_STATUS/);
    expect(worker.alive()).toBe(true);
  });

  it('dead-letters a crawl of an invalid sources file with the file, source and field named', async () => {
    const broken = join(run.dir, 'broken.sources.yaml');
    writeFileSync(broken, 'sources:\n  - id: broken\n    type: html\n    schedule: every minute\n    topics: [微商]\n    startUrls: ["http://127.0.0.1:1/"]\n    list: { itemLink: a }\n');
    const notYaml = join(run.dir, 'not-yaml.sources.yaml');
    writeFileSync(notYaml, 'sources:\n  - id: [unclosed\n');
    await run.queues.crawl.add(stages.crawl.queue, { sourceId: 'broken', sourcesFile: broken });
    await run.queues.crawl.add(stages.crawl.queue, { sourceId: 'broken', sourcesFile: notYaml });
    await run.waitFor('two dead letters', async () => ((await run.state()).dead['waiting'] ?? 0) >= 2, 60_000);

    const listed = await pulse(['dead-letters', 'list', '--json']);
    const letters = listed.stdout.trim().split('\n').map((l) => JSON.parse(l) as { stage: string; code: string; message: string; attemptsMade: number });
    run.mark(`dead letters: ${JSON.stringify(letters.map((l) => `${l.stage} ${l.code}: ${l.message}`))}`);
    expect(letters).toHaveLength(2);
    for (const l of letters) expect(l).toMatchObject({ stage: 'crawl', code: 'SOURCE_CONFIG_INVALID', attemptsMade: 1 });
    const byFile = letters.map((l) => l.message).sort();
    expect(byFile.find((m) => m.includes('broken.sources.yaml'))).toMatch(/source "broken".*schedule.*cron/);
    expect(byFile.find((m) => m.includes('not-yaml.sources.yaml'))).toMatch(/not valid YAML/);

    // The same file given to `pulse crawl` fails at once, in one line, before anything is queued.
    const crawl = await pulse(['crawl', '--all', '--sources', broken]);
    expect(crawl.code).toBe(1);
    expect(crawl.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^pulse: invalid sources file .*broken\.sources\.yaml: source "broken", field schedule/)]);
  });

  it('refuses an invalid config file or value in one line while the running workers go on', async () => {
    const badConfig = join(run.dir, 'pulse.config.yaml');
    writeFileSync(badConfig, 'indexBatchSize: 200\nredisUrll: redis://127.0.0.1:6379\n');
    const unknownKey = await pulse(['workers'], { PULSE_CONFIG: badConfig });
    expect(unknownKey.code).toBe(1);
    expect(unknownKey.stderr.trim()).toMatch(/^pulse: invalid config: .*pulse\.config\.yaml has unknown key "redisUrll"$/);
    const badValue = await pulse(['workers'], { PULSE_INDEX_BATCH_SIZE: 'lots' });
    expect(badValue.code).toBe(1);
    expect(badValue.stderr.trim()).toMatch(/^pulse: invalid config: PULSE_INDEX_BATCH_SIZE \(environment\) .*got "lots"$/);
    run.mark(`config errors: ${unknownKey.stderr.trim()} | ${badValue.stderr.trim()}`);

    // Nothing stored before was lost, nothing is stuck, and the only failures are the two dead-lettered crawls.
    const expected = [...run.site.articleUrls, ...['/bad/big-but-allowed.html', '/bad/gbk-but-header-says-utf8.html', '/bad/gbk-declared-in-meta.html', '/bad/malformed.html'].map((p) => run.site.baseUrl + p)];
    const tally = await tallyDocuments(run.es, run.alias, expected, run.site.articles.map((a) => a.author));
    const state = await run.state();
    console.log(`${run.timeline()}\n${formatTally('bad-input', tally)}`);
    expect(tally).toMatchObject({ in: good + extraGood + 4, searchable: good + extraGood + 4, duplicates: 0, lost: 0, unexpected: 0, clearAuthors: 0 });
    expect(unfinished(state)).toBe(0);
    expect(state.crawl['failed']).toBe(2);
    expect((state.analyze['failed'] ?? 0) + (state.index['failed'] ?? 0)).toBe(0);
  });
});
