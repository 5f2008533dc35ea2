/**
 * A private single-node Elasticsearch for the ES-down scenario, from the same unpacked distribution as the shared
 * node (infra/services startElasticsearch with its own HTTP/transport ports, node dir and ES_PATH_CONF copy, heap
 * 512m, run as pulse-es). It can be stopped with SIGTERM to its pid and started again on the same data. The shared
 * node on 9200 is never touched.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startElasticsearch, esHealthy } from '../../infra/services/elasticsearch-node.js';
import { isAlive, readPid, waitFor } from '../../infra/services/service-state.js';
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

export async function startPrivateElasticsearch(httpPort: number, transportPort: number): Promise<PrivateEs> {
  const config = testConfig();
  const url = `http://127.0.0.1:${httpPort}`;
  if (await esHealthy(url)) throw new Error(`something already answers at ${url}: pick another port for the private node`);
  const dir = mkdtempSync(join(tmpdir(), 'pulse-es-private-'));
  // mkdtemp makes it 0700 and root's: the pulse-es user must be able to walk into it.
  chmodSync(dir, 0o755);
  const options = {
    url,
    version: config.esVersion,
    stateDir: resolve(config.stateDir),
    heap: '512m',
    ...(config.esJavaHome ? { javaHome: config.esJavaHome } : {}),
    transportPort,
    nodeDir: join(dir, 'node'),
    confDir: join(dir, 'config'),
    nodeName: `pulse-es-private-${httpPort}`,
    log: () => undefined,
  };
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
