/**
 * README command 1 (`npm run demo`), run as a user would, in its own queue/index namespace: it must leave documents
 * searchable, print a non-empty trend table, and leave the same count when run twice. With Elasticsearch away it
 * must fail in one line that names the URL and the command to start it.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Client } from '@elastic/elasticsearch';
import { testNamespace } from '../helpers/test-namespace.js';
import { dropNamespace } from '../helpers/drop-namespace.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const ns = testNamespace('demo');
const env = {
  ...process.env,
  PULSE_QUEUE_PREFIX: ns.config.queuePrefix,
  PULSE_INDEX_PREFIX: ns.config.indexPrefix,
  PULSE_DEMO_PORT: '18731',
  PULSE_LOG_LEVEL: 'warn',
};
const es = new Client({ node: ns.config.elasticsearchUrl });
const alias = `${ns.config.indexPrefix}-posts`;

async function demo(extraEnv: Record<string, string> = {}, args: string[] = []): Promise<{ stdout: string; stderr: string }> {
  return run('npm', ['run', '--silent', 'demo', '--', ...args], { cwd: root, env: { ...env, ...extraEnv }, maxBuffer: 64 << 20, timeout: 540_000 });
}

async function count(): Promise<number> {
  await es.indices.refresh({ index: alias });
  return (await es.count({ index: alias })).count;
}

afterAll(async () => {
  await dropNamespace(es, ns.config.indexPrefix);
  await es.close();
});

describe('npm run demo', () => {
  let firstCount = 0;

  it('crawls, analyzes and indexes the demo site and prints a trend table', async () => {
    const { stdout, stderr } = await demo();
    firstCount = await count();
    expect(firstCount).toBeGreaterThan(20);
    expect(stdout).toContain(`Documents searchable: ${firstCount}`);
    // A trend row per day: an ISO date, a volume and a mean sentiment.
    const rows = stdout.split('\n').filter((l) => /^\s*2026-\d\d-\d\d/.test(l));
    expect(rows.length).toBeGreaterThan(5);
    expect(stdout).toMatch(/report\.html/);
    // The trend table leaves seller ads out and says how many (whatever the speaker model calls an ad today).
    const ads = (await es.count({ index: alias, query: { term: { 'speaker.type': 'seller_ad' } } })).count;
    const notice = ads === 1 ? '1 seller ad left out; run with --include-ads to include it' : `${ads} seller ads left out; run with --include-ads to include them`;
    expect(stdout).toContain(`\n${notice} (\`pulse trends --include-ads\`)\n`);
    expect(stderr).toMatch(/\[3\/6\] crawling/);
    expect(stderr).toMatch(/new: +Volume burst, all sources: \d+ posts on 2026-11-21/);
  });

  it('raises the 2026-11-21 volume burst on any day: run with the clock a month later (PULSE_NOW)', async () => {
    // The demo site's dates are fixed; a month on, the fourteen days before "today" hold none of them.
    const { stderr } = await demo({ PULSE_NOW: '2027-01-05T10:00:00+08:00' });
    expect(stderr).toContain('up to its last day 2026-11-25 (today is 2027-01-05)');
    expect(stderr).toMatch(/(new|before): +Volume burst, all sources: \d+ posts on 2026-11-21/);
    expect(await count()).toBe(firstCount);
  });

  it('leaves the same document count when run twice', async () => {
    await demo();
    expect(await count()).toBe(firstCount);
  });

  it('explains in one line when Elasticsearch is not there', async () => {
    const down = 'http://127.0.0.1:19299';
    const failure = await demo({ ELASTICSEARCH_URL: down }, ['--no-services']).then(
      () => undefined,
      (e: { stderr: string; code: number }) => e,
    );
    expect(failure).toBeDefined();
    const lines = failure!.stderr.trim().split('\n').filter((l) => l.startsWith('pulse:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(down);
    expect(lines[0]).toContain('services up');
    expect(failure!.stderr).not.toMatch(/\n\s+at /);
  });
});
