/**
 * `npm run bench:e2e [docs] [rounds] [--setups=1,2,2split] [--idle-only]`: documents/s from a loopback fixture site to
 * searchable in Elasticsearch through real `pulse workers` processes (1; 2 with all stages; 2 split by --stages), next
 * to a bare `client.helpers.bulk` of the same analyzed documents in the same run, with the ratio; then the peak RSS
 * (VmHWM) per worker role and the idle RSS of a freshly started worker per role, each next to its goal
 * (worker-memory.ts). Each round uses its own queue and index prefix and deletes what it created. Not a test: it
 * prints figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../infra/config/load-config.js';
import type { PulseConfig } from '../../infra/config/config-fields.js';
import { createEsClient } from '../../infra/elasticsearch/es-client.js';
import { ensureIndex } from '../../infra/elasticsearch/ensure-index.js';
import { createQueues } from '../../workers/queues.js';
import { producerConnection } from '../../workers/redis-connection.js';
import { stages } from '../../workers/pipeline.js';
import { serveGeneratedSite } from '../faults/generated-site.js';
import { fixtureSource, writeSourcesFile } from '../faults/sources-file.js';
import type { CrawlSummary } from '../../crawlers/crawl-summary.js';
import { killAllWorkers, spawnPulse, type WorkerProcess } from '../faults/worker-process.js';
import { allDocuments } from '../faults/pipeline-tally.js';
import { allQueues, deleteKeys } from '../faults/fault-run.js';
import { dropNamespace } from '../helpers/drop-namespace.js';
import { cpuSecondsOf, formatIdle, formatPeaks, idleRoles, memoryStatus, type MemoryStatus, type Roles } from './worker-memory.js';

const args = process.argv.slice(2);
const positional = args.filter((a) => !a.startsWith('--'));
const flag = (name: string): string | undefined => args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`))?.split('=')[1] ?? (args.includes(`--${name}`) ? '' : undefined);
const count = Number(positional[0] ?? 2000);
const rounds = Number(positional[1] ?? 1);
const idleOnly = flag('idle-only') !== undefined;
/** How long an idle worker is left after "workers started" before its RSS is read. */
const idleSettleMs = 5000;
/** Worker process set-ups: each entry is one process and the stages it serves. */
const allSetups: Array<{ label: string; processes: string[] }> = [
  { label: '1', processes: ['crawl,analyze,index'] },
  { label: '2', processes: ['crawl,analyze,index', 'crawl,analyze,index'] },
  { label: '2 split', processes: ['crawl,index', 'analyze'] },
];
const only = flag('setups')?.split(',');
const setups = allSetups.filter((s) => !only || only.includes(s.label.replace(/\W+/g, '')));
const base = loadConfig({ env: process.env, overrides: { logLevel: 'warn' } });
const es = createEsClient(base, { requestTimeoutMs: 120_000 });
const dir = mkdtempSync(join(tmpdir(), 'pulse-bench-e2e-'));
const log = (msg: string): void => void process.stderr.write(`${msg}\n`);

interface E2eResult {
  setup: string;
  docsPerSecond: number;
  seconds: number;
  crawlSeconds: number;
  peakRssMiB: number[];
  /** CPU seconds (user + system) each worker process used, start-up included: what GC settings cost, less blurred by other load than wall time. */
  cpuSeconds: number[];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number, everyMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function cleanup(config: PulseConfig): Promise<void> {
  const redis = producerConnection(config);
  const queues = createQueues(config, redis);
  for (const q of allQueues(queues)) await q.obliterate({ force: true }).catch(() => undefined);
  await deleteKeys(redis, `${config.queuePrefix}:*`);
  await queues.close();
  redis.disconnect();
  await dropNamespace(es, config.indexPrefix);
}

/** One end-to-end run with the set-up's worker processes; leaves the namespace in place (for the bulk baseline) until cleaned. */
async function runE2e(setup: (typeof setups)[number], round: number, siteUrl: { listUrls: string[] }, total: number): Promise<{ result: E2eResult; config: PulseConfig }> {
  const tag = `pulse-bench-e2e-${process.pid}-${round}-${setup.label.replace(/\W+/g, '')}`;
  const config = loadConfig({ env: process.env, overrides: { logLevel: 'warn', queuePrefix: tag, indexPrefix: tag } });
  const sourcesFile = writeSourcesFile(dir, [fixtureSource({ id: 'bench', startUrls: siteUrl.listUrls, maxPages: total + siteUrl.listUrls.length + 10, maxDocuments: total + 10 })], `${tag}.yaml`);
  const { alias } = await ensureIndex(es, config);
  const env = { PULSE_QUEUE_PREFIX: tag, PULSE_INDEX_PREFIX: tag, PULSE_SOURCES: sourcesFile, PULSE_CRAWL_ALLOW_PRIVATE: '127.0.0.1', PULSE_LOG_LEVEL: 'info' };
  const procs: WorkerProcess[] = setup.processes.map((stages, i) => spawnPulse({ env, logFile: join(dir, `${tag}-${i}.log`), args: ['workers', '--stages', stages] }));
  // Start-up (TypeScript transpile, jieba dictionaries) is not part of the throughput: wait until every process is up.
  await waitFor('workers started', async () => procs.every((p) => p.log().includes('"workers started"')), 120_000);
  const redis = producerConnection(config);
  const queues = createQueues(config, redis);
  const t0 = performance.now();
  const job = await queues.crawl.add(stages.crawl.queue, { sourceId: 'bench', sourcesFile });
  let searchable = 0;
  await waitFor(
    `${total} documents searchable`,
    async () => {
      await es.indices.refresh({ index: alias });
      searchable = (await es.count({ index: alias })).count;
      if (searchable >= total) return true;
      // A crawl that ended short (a limit, a failure) would leave this waiting for half an hour: say what it did.
      const crawl = await queues.crawl.getJob(String(job.id));
      const summary = crawl?.returnvalue as CrawlSummary | null | undefined;
      if (crawl?.finishedOn && summary?.documentsEmitted !== undefined && summary.documentsEmitted < total) {
        throw new Error(`the crawl emitted ${summary.documentsEmitted} of ${total} documents${summary.limitReached ? `: ${summary.limitReached.message}` : ''}`);
      }
      if (crawl?.failedReason) throw new Error(`the crawl job failed: ${crawl.failedReason}`);
      return false;
    },
    30 * 60_000,
  );
  const seconds = (performance.now() - t0) / 1000;
  const done = await queues.crawl.getJob(String(job.id));
  const crawlSeconds = done?.finishedOn && done.processedOn ? (done.finishedOn - done.processedOn) / 1000 : NaN;
  const peakRssMiB = procs.map((p) => p.peakRssMiB() ?? NaN);
  const cpuSeconds = procs.map((p) => cpuSecondsOf(p.pid));
  for (const p of procs) await p.stop('SIGTERM', 60_000);
  await queues.close();
  redis.disconnect();
  if (searchable !== total) throw new Error(`expected ${total} documents, found ${searchable}`);
  return { result: { setup: setup.label, docsPerSecond: total / seconds, seconds, crawlSeconds, peakRssMiB, cpuSeconds }, config };
}

/** The ceiling: the same analyzed documents, bulk-indexed bare into a fresh index with the same mapping. */
async function bareBulk(from: PulseConfig, round: number): Promise<number> {
  const docs = (await allDocuments(es, `${from.indexPrefix}-posts`)).map((h) => h._source!);
  const tag = `pulse-bench-e2e-${process.pid}-${round}-bulk`;
  const { alias } = await ensureIndex(es, { ...base, indexPrefix: tag });
  const t0 = performance.now();
  const stats = await es.helpers.bulk({ datasource: docs, onDocument: (d) => ({ index: { _index: alias, _id: String(d['docId']) } }), flushBytes: base.indexBatchBytes, refreshOnCompletion: alias });
  const seconds = (performance.now() - t0) / 1000;
  if (stats.successful !== docs.length) throw new Error(`bulk baseline stored ${stats.successful}/${docs.length}`);
  await dropNamespace(es, tag);
  return docs.length / seconds;
}

/** A worker of the given roles, started with nothing to do: its RSS `idleSettleMs` after it reported "workers started". */
async function idleMemory(roles: Roles): Promise<MemoryStatus> {
  const tag = `pulse-bench-idle-${process.pid}-${roles.replace(/\W+/g, '')}`;
  const config = loadConfig({ env: process.env, overrides: { logLevel: 'warn', queuePrefix: tag, indexPrefix: tag } });
  const env = { PULSE_QUEUE_PREFIX: tag, PULSE_INDEX_PREFIX: tag, PULSE_LOG_LEVEL: 'info' };
  const proc = spawnPulse({ env, logFile: join(dir, `${tag}.log`), args: ['workers', '--stages', roles] });
  try {
    await waitFor(`idle ${roles} worker started`, async () => proc.log().includes('"workers started"'), 120_000);
    await sleep(idleSettleMs);
    const m = memoryStatus(proc.pid);
    if (!m) throw new Error(`idle ${roles} worker exited:\n${proc.log().slice(-2000)}`);
    return m;
  } finally {
    await proc.stop('SIGTERM', 60_000);
    await cleanup(config);
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  // Idle first, while nothing else of this bench runs; one process at a time.
  const idle = new Map<Roles, MemoryStatus>();
  for (const roles of idleRoles) {
    log(`idle worker: --stages ${roles}…`);
    idle.set(roles, await idleMemory(roles));
  }
  if (idleOnly) {
    console.log('bench:e2e --idle-only');
    for (const line of formatIdle(idle, idleSettleMs)) console.log(line);
    await es.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }
  const site = await serveGeneratedSite({ count });
  const e2e = new Map<string, E2eResult[]>();
  const bulk: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      for (const setup of round % 2 === 0 ? setups : [...setups].reverse()) {
        log(`round ${round + 1}/${rounds}: ${setup.label} worker process(es) (${setup.processes.join(' | ')}), ${count} documents…`);
        const { result, config } = await runE2e(setup, round, site, count);
        if (bulk.length === round) bulk.push(await bareBulk(config, round));
        await cleanup(config);
        e2e.set(setup.label, [...(e2e.get(setup.label) ?? []), result]);
        log(`  ${result.docsPerSecond.toFixed(1)} docs/s (${result.seconds.toFixed(1)} s; crawl job ${result.crawlSeconds.toFixed(1)} s)`);
      }
    }
  } finally {
    await killAllWorkers();
    await site.close();
  }
  const bulkRate = median(bulk);
  console.log(`bench:e2e — ${count} documents, loopback fixture site → crawl → analyze → index → searchable; ${rounds} round(s), medians`);
  console.log(`  bare client.helpers.bulk of the same analyzed documents: ${bulkRate.toFixed(0)} docs/s`);
  console.log('  workers (stages per process)                 docs/s  ratio vs bulk  seconds  crawl job s  peak RSS per process, MiB (min–max over rounds)');
  for (const setup of setups) {
    const rs = e2e.get(setup.label) ?? [];
    const rate = median(rs.map((r) => r.docsPerSecond));
    const secs = median(rs.map((r) => r.seconds));
    const crawl = median(rs.map((r) => r.crawlSeconds));
    const rss = setup.processes.map((stages, i) => {
      const peaks = rs.map((r) => r.peakRssMiB[i] ?? NaN);
      return `${stages}: ${Math.min(...peaks).toFixed(0)}–${Math.max(...peaks).toFixed(0)}`;
    });
    const label = `${setup.label} (${setup.processes.join(' | ')})`;
    console.log(`  ${label.padEnd(44)} ${rate.toFixed(1).padStart(6)}  ${(rate / bulkRate).toFixed(3).padStart(13)}  ${secs.toFixed(1).padStart(7)}  ${crawl.toFixed(1).padStart(11)}  ${rss.join('; ')}`);
  }
  const rateOf = (label: string): number => median((e2e.get(label) ?? []).map((r) => r.docsPerSecond));
  if (e2e.has('1')) console.log(`  scaling 1 → 2 worker processes: ×${(rateOf('2') / rateOf('1')).toFixed(2)} (same stages), ×${(rateOf('2 split') / rateOf('1')).toFixed(2)} (split by stage)`);
  const peaks = new Map<Roles, number[]>();
  for (const setup of setups) {
    for (const r of e2e.get(setup.label) ?? []) setup.processes.forEach((roles, i) => peaks.set(roles, [...(peaks.get(roles) ?? []), r.peakRssMiB[i] ?? NaN]));
  }
  for (const line of formatPeaks(peaks)) console.log(line);
  for (const setup of setups) {
    const rs = e2e.get(setup.label) ?? [];
    const cpu = setup.processes.map((roles, i) => `${roles}: ${median(rs.map((r) => r.cpuSeconds[i] ?? NaN)).toFixed(1)}`);
    console.log(`  CPU seconds per process (median), ${setup.label}: ${cpu.join('; ')}`);
  }
  for (const line of formatIdle(idle, idleSettleMs)) console.log(line);
} finally {
  await es.close();
  rmSync(dir, { recursive: true, force: true });
}
