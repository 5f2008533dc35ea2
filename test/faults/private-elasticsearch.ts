/**
 * A private single-node Elasticsearch for the ES-down scenario, from the same unpacked distribution as the shared
 * node (infra/services startElasticsearch with its own HTTP/transport ports, node dir and ES_PATH_CONF copy, heap
 * 512m, run as pulse-es). It can be stopped with SIGTERM to its pid and started again on the same data. The shared
 * node on 9200 is never touched.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startElasticsearch, esHealthy, unpack } from '../../infra/services/elasticsearch-node.js';
import { esStateDir } from '../../infra/services/es-state-dir.js';
import { isAlive, readPid, waitFor } from '../../infra/services/service-state.js';
import { findJava21 } from '../../infra/services/find-java.js';
import { testConfig } from '../helpers/test-config.js';

export interface PrivateEs {
  url: string;
  dir: string;
  pid(): number | undefined;
  /** SIGTERM to the node's pid; resolves when the process is gone. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it (SIGKILL if SIGTERM is not enough) and removes its files. */
  destroy(): Promise<void>;
}

export interface PrivateEsOptions {
  /** Security on, with this password for the built-in `elastic` user (bootstrap.password in the node's keystore). */
  elasticPassword?: string;
}

export async function startPrivateElasticsearch(httpPort: number, transportPort: number, o: PrivateEsOptions = {}): Promise<PrivateEs> {
  const config = testConfig();
  const url = `http://127.0.0.1:${httpPort}`;
  if (await esHealthy(url)) throw new Error(`something already answers at ${url}: pick another port for the private node`);
  const dir = mkdtempSync(join(tmpdir(), 'pulse-es-private-'));
  // mkdtemp makes it 0700 and root's: the pulse-es user must be able to walk into it.
  chmodSync(dir, 0o755);
  const options = {
    url,
    version: config.esVersion,
    // Same place `pulse services up` uses (it may be outside the checkout when root cannot lend it to pulse-es).
    stateDir: esStateDir(config.stateDir),
    heap: '512m',
    ...(config.esJavaHome ? { javaHome: config.esJavaHome } : {}),
    transportPort,
    nodeDir: join(dir, 'node'),
    confDir: join(dir, 'config'),
    nodeName: `pulse-es-private-${httpPort}`,
    log: () => undefined,
    ...(o.elasticPassword
      ? { settings: { 'xpack.security.enabled': true }, credentials: { elasticsearchUsername: 'elastic', elasticsearchPassword: o.elasticPassword } }
      : {}),
  };
  if (o.elasticPassword) seedKeystore(join(dir, 'config'), options.stateDir, options.version, o.elasticPassword, config.esJavaHome);
  const pidFile = join(dir, 'node', 'es.pid');
  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    const pid = readPid(pidFile);
    if (pid === undefined || !isAlive(pid)) return;
    process.kill(pid, signal);
    if (!(await waitFor(async () => !isAlive(pid), 60_000, 200))) throw new Error(`private Elasticsearch ${pid} still alive 60 s after ${signal}`);
  };
  const node: PrivateEs = {
    url,
    dir,
    pid: () => readPid(pidFile),
    stop: () => stop('SIGTERM'),
    async start() {
      await startElasticsearch(options);
    },
    async destroy() {
      await stop('SIGTERM').catch(() => stop('SIGKILL'));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await node.start();
  } catch (error) {
    await node.destroy();
    throw error;
  }
  return node;
}

/**
 * Creates the node's keystore with `bootstrap.password` before its first start (startElasticsearch copies the
 * distribution's config around it, never over it): the built-in `elastic` user then logs in with that password.
 */
function seedKeystore(confDir: string, stateDir: string, version: string, password: string, javaHome: string | undefined): void {
  mkdirSync(confDir, { recursive: true });
  // The shared node may be someone else's (reused, never unpacked here): make sure the distribution is on disk.
  const home = unpack({ stateDir, version, log: () => undefined });
  const tool = join(home, 'bin', 'elasticsearch-keystore');
  const env = { ...process.env, ES_PATH_CONF: confDir, ES_JAVA_HOME: findJava21(javaHome) };
  for (const [args, input] of [[['create'], ''], [['add', '-x', 'bootstrap.password'], password]] as const) {
    const r = spawnSync(tool, [...args], { env, input, encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`elasticsearch-keystore ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
  }
}
