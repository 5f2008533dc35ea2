/**
 * Every CLI command that talks to a service, run as a user would with credentials everywhere they can be given
 * (user:password in REDIS_URL, ELASTICSEARCH_URL, KIBANA_URL and the alert webhook, ELASTICSEARCH_PASSWORD and _API_KEY,
 * debug logs on) against ports where nothing listens: each must fail (or succeed, for offline commands) without a
 * single secret in its stdout or stderr. Also an unparsable URL that carries a password.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { testNamespace } from '../../helpers/test-namespace.js';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));
const ns = testNamespace('secrets');
const dir = mkdtempSync(join(tmpdir(), 'pulse-secrets-'));
const sourcesFile = join(dir, 'sources.yaml');
writeFileSync(sourcesFile, 'sources:\n  - id: s1\n    type: html\n    schedule: "0 0 * * * *"\n    topics: [微商]\n    startUrls: ["http://127.0.0.1:9/list.html"]\n    list: { itemLink: a }\n');

/** Ports on loopback where nothing listens (discard / echo services are not run on this machine). */
const secrets = {
  redis: 'Redis-Secret-4Kp2',
  esUrl: 'Es-Url-Secret-8Hn3',
  esPassword: 'Es-Pass-Secret-2Wq7',
  esApiKey: 'Es-Api-Key-Secret-5Tr1',
  kibana: 'Kibana-Secret-6Yu4',
  webhook: 'Hook-Secret-1Op0',
};
const env: Record<string, string> = {
  REDIS_URL: `redis://pulse-user:${secrets.redis}@127.0.0.1:9/0`,
  ELASTICSEARCH_URL: `http://es-user:${secrets.esUrl}@127.0.0.1:7`,
  ELASTICSEARCH_USERNAME: 'es-user',
  ELASTICSEARCH_PASSWORD: secrets.esPassword,
  KIBANA_URL: `http://kb-user:${secrets.kibana}@127.0.0.1:13`,
  PULSE_ALERT_WEBHOOK: `http://hook:${secrets.webhook}@127.0.0.1:17/hook`,
  PULSE_QUEUE_PREFIX: ns.config.queuePrefix,
  PULSE_INDEX_PREFIX: ns.config.indexPrefix,
  PULSE_SOURCES: sourcesFile,
  PULSE_LOG_LEVEL: 'debug',
  PULSE_SHUTDOWN_TIMEOUT_MS: '1000',
};

interface Result {
  args: string[];
  code: number;
  out: string;
}

async function pulse(args: string[], extra: Record<string, string> = {}): Promise<Result> {
  return exec(process.execPath, ['workers/cli/pulse.mjs', ...args], { cwd: root, env: { ...process.env, ...env, ...extra }, timeout: 90_000, maxBuffer: 16 << 20 }).then(
    (r) => ({ args, code: 0, out: r.stdout + r.stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ args, code: typeof e.code === 'number' ? e.code : 1, out: (e.stdout ?? '') + (e.stderr ?? '') }),
  );
}

/** Runs a few at a time: each CLI process compiles TypeScript on start, and the machine has two cores. */
async function inBatches(commands: string[][], extra: Record<string, string> = {}, size = 3): Promise<Result[]> {
  const results: Result[] = [];
  for (let i = 0; i < commands.length; i += size) results.push(...(await Promise.all(commands.slice(i, i + size).map((c) => pulse(c, extra)))));
  return results;
}

function expectNoSecret(r: Result): void {
  for (const [name, secret] of Object.entries(secrets)) expect(r.out, `${name} secret printed by pulse ${r.args.join(' ')}:\n${r.out}`).not.toContain(secret);
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('credentials are never printed', () => {
  it('by any command, when the services they point at do not answer', async () => {
    const out = join(dir, 'out');
    const results = await inBatches([
      ['status'],
      ['status', '--json'],
      ['workers'],
      ['crawl', '--all'],
      ['dead-letters', 'list'],
      ['dead-letters', 'retry'],
      ['demo', '--no-services', '--report', `${out}.html`],
      ['trends'],
      ['export', '--dataset', 'documents', '--format', 'jsonl', '--out', `${out}.jsonl`],
      ['report', '--out', `${out}-report.html`],
      ['index', 'setup'],
      ['index', 'status'],
      ['services', 'status'],
      ['alerts', 'run'],
      ['alerts', 'list'],
      ['schedule', 'sync'],
      ['schedule', 'list'],
      ['kibana', 'import'],
      ['config'],
    ]);
    for (const r of results) expectNoSecret(r);
    // Everything that needs a service failed, and said where, with the password masked.
    const failed = results.filter((r) => r.code !== 0).map((r) => r.args.join(' '));
    expect(failed).toEqual(expect.arrayContaining(['status', 'workers', 'crawl --all', 'dead-letters list', 'trends', 'index setup', 'kibana import']));
    const status = results.find((r) => r.args.join(' ') === 'status')!;
    expect(status.out).toContain('redis://pulse-user:***@127.0.0.1:9/0');
    // `pulse config` shows where each value came from, but never the value of a secret.
    const config = results.find((r) => r.args[0] === 'config')!;
    expect(config.code).toBe(0);
    expect(config.out).toMatch(/ELASTICSEARCH_PASSWORD|elasticsearchPassword/);
  });

  it('with an API key, with TLS settings, and in config errors about unparsable URLs', async () => {
    const results = await inBatches([
      ['status'],
      ['workers'],
      ['index', 'status'],
    ], { ELASTICSEARCH_API_KEY: secrets.esApiKey, ELASTICSEARCH_CA_FILE: join(dir, 'missing-ca.pem'), REDIS_URL: `rediss://pulse-user:${secrets.redis}@127.0.0.1:9/0`, REDIS_TLS_CA_FILE: join(dir, 'missing-redis-ca.pem') });
    for (const r of results) {
      expect(r.code).not.toBe(0);
      expectNoSecret(r);
    }
    const invalid = await inBatches([
      ['status'],
    ], { REDIS_URL: `redis://pulse-user:${secrets.redis}@127.0.0.1:notaport/0` });
    const badEs = await inBatches([['status']], { ELASTICSEARCH_URL: `http://es-user:${secrets.esUrl}@[::1` });
    for (const r of [...invalid, ...badEs]) {
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/^pulse: invalid config: (REDIS_URL|ELASTICSEARCH_URL)/m);
      expectNoSecret(r);
    }
  });
});
