/**
 * `pulse services up|down|status`: starts the real Redis and Elasticsearch this project needs on loopback (reusing
 * what already answers), stops only what it started, and reports both.
 */
import { resolve, join } from 'node:path';
import type { PulseConfig } from '../config/config-fields.js';
import { redactUrl } from '../config/load-config.js';
import { pingRedis, startRedis } from './redis-server.js';
import { esHealthy, esPidFile, startElasticsearch } from './elasticsearch-node.js';
import { isAlive, readPid, waitFor, type ServiceState } from './service-state.js';
import { esStateDir } from './es-state-dir.js';

export type ProgressLog = (msg: string) => void;

export async function servicesUp(config: PulseConfig, log: ProgressLog): Promise<ServiceState[]> {
  const stateDir = resolve(config.stateDir);
  const redis = await startRedis(config.redisUrl, stateDir, log);
  const es = await startElasticsearch({
    url: config.elasticsearchUrl,
    version: config.esVersion,
    stateDir: esStateDir(stateDir),
    heap: config.esHeap,
    ...(config.esJavaHome ? { javaHome: config.esJavaHome } : {}),
    log,
  });
  return [redis, es];
}

export async function servicesStatus(config: PulseConfig): Promise<ServiceState[]> {
  const stateDir = resolve(config.stateDir);
  const redisPid = join(stateDir, 'redis', 'redis.pid');
  const esPid = esPidFile(esStateDir(stateDir));
  const ours = (pidFile: string): boolean => {
    const pid = readPid(pidFile);
    return pid !== undefined && isAlive(pid);
  };
  return [
    { name: 'redis', url: redactUrl(config.redisUrl), running: await pingRedis(config.redisUrl), startedByUs: ours(redisPid), pidFile: redisPid },
    { name: 'elasticsearch', url: redactUrl(config.elasticsearchUrl), running: await esHealthy(config.elasticsearchUrl), startedByUs: ours(esPid), pidFile: esPid },
  ];
}

/** Stops the services whose pid files we wrote; a user's own Redis/Elasticsearch is never touched. */
export async function servicesDown(config: PulseConfig, log: ProgressLog): Promise<void> {
  for (const s of await servicesStatus(config)) {
    const pid = s.pidFile ? readPid(s.pidFile) : undefined;
    if (!s.startedByUs || pid === undefined) {
      log(`${s.name}: not started by Pulse here, left alone`);
      continue;
    }
    process.kill(pid, 'SIGTERM');
    const stopped = await waitFor(async () => !isAlive(pid), 60_000);
    log(`${s.name}: ${stopped ? 'stopped' : `still running after 60 s (pid ${pid})`}`);
  }
}
