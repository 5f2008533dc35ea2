/**
 * The operator's loop, through the real CLI and a real `pulse workers` process: a crawl of a source the sources file
 * does not have fails for good and becomes a dead letter; `pulse status` shows it (queue depths, failed jobs, dead
 * letters, no run yet); `pulse dead-letters list` names it with its reason and context; the operator adds the source
 * and runs `pulse dead-letters retry`; the crawl then succeeds, and `pulse status` shows the run and the documents.
 * The worker's logs are structured JSON lines throughout.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { serveGeneratedSite, type GeneratedSite } from '../../faults/generated-site.js';
import { fixtureSource } from '../../faults/sources-file.js';
import { killAllWorkers, repoRoot, spawnPulse, type WorkerProcess } from '../../faults/worker-process.js';
import { allQueues, deleteKeys } from '../../faults/fault-run.js';
import { testNamespace } from '../../helpers/test-namespace.js';
import { createEsClient } from '../../../infra/elasticsearch/es-client.js';
import { ensureIndex } from '../../../infra/elasticsearch/ensure-index.js';
import { createQueues, type PulseQueues } from '../../../workers/queues.js';
import { producerConnection } from '../../../workers/redis-connection.js';
import { stages } from '../../../workers/pipeline.js';
import { dropNamespace } from '../../helpers/drop-namespace.js';

const exec = promisify(execFile);
const ns = testNamespace('operations');
const config = ns.config;
const dir = mkdtempSync(join(tmpdir(), 'pulse-ops-'));
const sourcesFile = join(dir, 'sources.yaml');
const es = createEsClient(config);
const redis = producerConnection(config);
let queues: PulseQueues;
let site: GeneratedSite;
let worker: WorkerProcess;
let alias = '';

const env = {
  PULSE_QUEUE_PREFIX: config.queuePrefix,
  PULSE_INDEX_PREFIX: config.indexPrefix,
  PULSE_SOURCES: sourcesFile,
  PULSE_CRAWL_ALLOW_PRIVATE: '127.0.0.1',
};

async function pulse(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return exec(process.execPath, ['workers/cli/pulse.mjs', ...args], { cwd: repoRoot, env: { ...process.env, ...env, PULSE_LOG_LEVEL: 'warn' }, timeout: 60_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
  );
}

interface Status {
  queues: Record<'crawl' | 'analyze' | 'index' | 'dead', Record<string, number>>;
  sources: Array<{ sourceId: string; ok: boolean; documentsEmitted: number; errors: number }>;
  index: { alias: string; documents: number };
}
const status = async (): Promise<Status> => JSON.parse((await pulse(['status', '--json'])).stdout) as Status;

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${what}; worker log:\n${worker?.log().slice(-3000)}`);
}

beforeAll(async () => {
  site = await serveGeneratedSite({ count: 20, perList: 20 });
  // The file starts without the source the first crawl asks for.
  writeFileSync(sourcesFile, stringify({ sources: [fixtureSource({ id: 'ops-old', startUrls: [`${site.baseUrl}/list/1.html`], maxPages: 50 })] }));
  ({ alias } = await ensureIndex(es, config));
  queues = createQueues(config, redis);
  worker = spawnPulse({ env: { ...env, PULSE_LOG_LEVEL: 'info' }, logFile: join(dir, 'workers.log'), args: ['workers', '--stages', 'crawl,analyze,index'] });
});

afterAll(async () => {
  await worker?.stop('SIGTERM', 30_000).catch(() => undefined);
  await killAllWorkers();
  for (const q of allQueues(queues)) await q.obliterate({ force: true }).catch(() => undefined);
  await deleteKeys(redis, `${config.queuePrefix}:*`).catch(() => undefined);
  await queues.close();
  redis.disconnect();
  await dropNamespace(es, config.indexPrefix);
  await es.close();
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('pulse status and pulse dead-letters', () => {
  it('show a crawl that failed for good, with its reason and context', async () => {
    await queues.crawl.add(stages.crawl.queue, { sourceId: 'ops-new', sourcesFile }, { jobId: 'crawl-ops-new-1' });
    await until('the dead letter', async () => ((await queues.dead.getJobCounts('waiting'))['waiting'] ?? 0) === 1);

    const s = await status();
    expect(s.queues.dead['waiting']).toBe(1);
    expect(s.queues.crawl['failed']).toBe(1);
    expect(s.sources).toEqual([]);
    expect(s.index).toEqual({ alias, documents: 0 });
    const table = await pulse(['status']);
    expect(table.stdout).toMatch(/^dead\s+1\s+0\s+0\s+0\s+0$/m);
    expect(table.stdout).toMatch(/^crawl\s+0\s+0\s+0\s+0\s+1$/m);
    expect(table.stdout).toContain('no crawl runs recorded yet');

    const listed = await pulse(['dead-letters', 'list']);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^d-crawl-crawl-ops-new-1\s+crawl\s+SOURCE_UNKNOWN\s+\S+\s+sourceId=ops-new\s+source "ops-new" is not in .*sources\.yaml$/);
    expect(listed.stderr).toContain('1 dead letter(s)');
  });

  it('retries it once the cause is fixed, and the retried crawl succeeds', async () => {
    // The operator adds the source the job asked for…
    writeFileSync(
      sourcesFile,
      stringify({ sources: [fixtureSource({ id: 'ops-old', startUrls: [`${site.baseUrl}/list/1.html`], maxPages: 50 }), fixtureSource({ id: 'ops-new', startUrls: [`${site.baseUrl}/list/1.html`], maxPages: 50 })] }),
    );
    // …and sends the dead letter back to its stage.
    const retried = await pulse(['dead-letters', 'retry', '--stage', 'crawl']);
    expect(retried.stdout.trim()).toBe('re-queued 1 job(s)');
    await until('the retried crawl indexed', async () => {
      await es.indices.refresh({ index: alias });
      return (await es.count({ index: alias })).count === 20;
    });
    await until('the pipeline idle', async () => {
      const c = await Promise.all([queues.crawl, queues.analyze, queues.index].map((q) => q.getJobCounts('waiting', 'active', 'delayed')));
      return c.every((x) => Object.values(x).every((n) => n === 0));
    });

    const s = await status();
    expect(s.queues.dead['waiting']).toBe(0);
    expect(s.queues.crawl['completed']).toBe(1);
    expect(s.sources).toEqual([expect.objectContaining({ sourceId: 'ops-new', ok: true, documentsEmitted: 20, errors: 0 })]);
    expect(s.index.documents).toBe(20);
    expect((await pulse(['dead-letters', 'list'])).stdout.trim()).toBe('');
    const table = await pulse(['status']);
    expect(table.stdout).toMatch(/^ops-new\s+\S+\s+yes\s+21\s+20\s+0$/m);
    expect(table.stdout).toContain(`index ${alias}: 20 documents`);
  });

  it('pulse crawl --sources: workers crawl the source from that file, not their own, and refuse another copy of it', async () => {
    // The worker was started with PULSE_SOURCES=sources.yaml; ops-other lives only in other.yaml.
    const otherFile = join(dir, 'other.yaml');
    writeFileSync(otherFile, stringify({ sources: [fixtureSource({ id: 'ops-other', startUrls: [`${site.baseUrl}/list/1.html`], maxPages: 50 })] }));
    const queued = await pulse(['crawl', 'ops-other', '--sources', relative(repoRoot, otherFile)]);
    expect(queued.code).toBe(0);
    expect(queued.stdout).toMatch(new RegExp(`^queued crawl of ops-other \\(job \\S+\\) from ${otherFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    expect(queued.stderr).toContain(`pulse: workers crawl these sources from ${otherFile}, not from their own sources file; a worker without this file, or with another version of it, fails the job (SOURCE_FILE_UNREADABLE, SOURCE_MISMATCH`);
    await until('the ops-other run', async () => (await status()).sources.some((r) => r.sourceId === 'ops-other'));
    expect((await status()).sources).toContainEqual(expect.objectContaining({ sourceId: 'ops-other', ok: true, errors: 0 }));

    // The file changed on the worker's machine after `pulse crawl` read it: the job names the mismatch, crawls nothing.
    await queues.crawl.add(stages.crawl.queue, { sourceId: 'ops-other', sourcesFile: otherFile, sourceHash: '0000000000000000' }, { jobId: 'crawl-ops-other-stale' });
    await until('the mismatch dead letter', async () => ((await queues.dead.getJobCounts('waiting'))['waiting'] ?? 0) === 1);
    const listed = await pulse(['dead-letters', 'list']);
    expect(listed.stdout).toContain('SOURCE_MISMATCH');
    expect(listed.stdout).toContain(`source "ops-other" in ${otherFile} on this worker differs from the one \`pulse crawl\` read (another copy of the file on this machine?): not crawled`);
  });

  it('a site that is down: pulse status shows the first error, and the crawler-health alert says what happened', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = probe.address() as { port: number };
        probe.close(() => resolve(p));
      });
    });
    const downFile = join(dir, 'down.yaml');
    writeFileSync(downFile, stringify({ sources: [fixtureSource({ id: 'ops-down', startUrls: [`http://127.0.0.1:${port}/list/1.html`], maxPages: 5 })] }));
    expect((await pulse(['crawl', 'ops-down', '--sources', downFile])).code).toBe(0);
    await until('the ops-down run', async () => (await status()).sources.some((r) => r.sourceId === 'ops-down'));
    const table = await pulse(['status']);
    expect(table.stdout).toContain('first error');
    const row = table.stdout.split('\n').find((l) => l.startsWith('ops-down'));
    expect(row).toMatch(/^ops-down\s+\S+\s+NO\s+0\s+0\s+1  SITE_UNREACHABLE /);
    expect(row).toContain(`127.0.0.1:${port} unreachable: connection refused (site down or wrong port) [ECONNREFUSED]`);
    const alerts = await pulse(['alerts', 'run']);
    expect(alerts.stdout).toContain(`[critical] Crawler ops-down could not reach its site: 127.0.0.1:${port} unreachable: connection refused`);
  });

  it('logs as structured JSON lines with the job context', async () => {
    const lines = worker.log().trim().split('\n');
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const r of records) expect(r).toEqual(expect.objectContaining({ level: expect.any(Number), time: expect.any(Number), pid: worker.pid, msg: expect.any(String) }));
    expect(records).toContainEqual(expect.objectContaining({ msg: 'workers started', prefix: config.queuePrefix }));
    expect(records).toContainEqual(expect.objectContaining({ msg: 'job failed', queue: 'crawl', jobId: 'crawl-ops-new-1' }));
    expect(records).toContainEqual(expect.objectContaining({ msg: 'crawl finished', sourceId: 'ops-new', documentsEmitted: 20 }));
  });
});
