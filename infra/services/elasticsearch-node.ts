/**
 * The local Elasticsearch: Maven Central's integ-test zip (pinned version, fetched with mvn into ~/.m2), unpacked under
 * <stateDir>/elasticsearch, run single-node on 127.0.0.1 with a Java 21+ JDK, as the user `pulse-es` when we are root
 * (Elasticsearch refuses root). A node already answering at the configured URL is used as it is. A second node (the
 * fault tests) can share the unpacked distribution with its own ports, node dir and config dir (ES_PATH_CONF).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ServiceError } from '../errors.js';
import { redactUrl } from '../config/load-config.js';
import { isLoopbackUrl, waitFor, type ServiceState } from './service-state.js';
import { isRoot, lastLine, requireTool, run, which } from './system-tools.js';
import { findJava21 } from './find-java.js';
import type { PulseConfig } from '../config/config-fields.js';

export const esUser = 'pulse-es';

export interface EsNodeOptions {
  url: string;
  version: string;
  stateDir: string;
  heap: string;
  javaHome?: string;
  log: (msg: string) => void;
  /** Transport port. @default the HTTP port (from `url`) + 100 */
  transportPort?: number;
  /** Where data/, logs/, tmp/ and es.pid live. @default <stateDir>/elasticsearch */
  nodeDir?: string;
  /**
   * A config directory of its own (ES_PATH_CONF), filled from the distribution's config/ and then given this node's
   * elasticsearch.yml, so a second node can share the unpacked distribution. @default the distribution's config/
   */
  confDir?: string;
  /** @default pulse-es-1 */
  nodeName?: string;
  /** Credentials for the health probe (a node that runs with security on). */
  credentials?: EsProbeCredentials;
  /** elasticsearch.yml settings that override the defaults below (e.g. `xpack.security.enabled: true`). */
  settings?: EsSettings;
}

export type EsSettings = Record<string, string | number | boolean>;

/** What the health probe needs besides the URL: the configured credentials and CA (URL credentials work too). */
export type EsProbeCredentials = Partial<Pick<PulseConfig, 'elasticsearchUsername' | 'elasticsearchPassword' | 'elasticsearchApiKey' | 'elasticsearchCaFile'>>;

export type EsProbe = 'healthy' | 'unhealthy' | 'unauthorized' | 'unreachable';

/**
 * Asks `_cluster/health` through the project's ES client, so user/password, API key, URL credentials and a CA file
 * are honoured exactly as the pipeline will use them. An unreadable CA file throws its config error instead of
 * looking like a node that does not answer; 401/403 are told apart so the caller can say "credentials refused".
 */
export async function probeElasticsearch(url: string, credentials: EsProbeCredentials = {}): Promise<EsProbe> {
  // Imported here, not at the top: the client is ~35 MB of a process's RSS, and worker roles that never talk to
  // Elasticsearch (crawl, analyze) import this file through require-services.ts.
  const { createEsClient } = await import('../elasticsearch/es-client.js');
  const client = createEsClient(
    {
      elasticsearchUrl: url,
      elasticsearchUsername: credentials.elasticsearchUsername,
      elasticsearchPassword: credentials.elasticsearchPassword,
      elasticsearchApiKey: credentials.elasticsearchApiKey,
      elasticsearchCaFile: credentials.elasticsearchCaFile,
    },
    { requestTimeoutMs: 3000, maxRetries: 0 },
  );
  try {
    const health = await client.cluster.health();
    return health.status === 'green' || health.status === 'yellow' ? 'healthy' : 'unhealthy';
  } catch (error) {
    const status = (error as { meta?: { statusCode?: number } }).meta?.statusCode;
    return status === 401 || status === 403 ? 'unauthorized' : 'unreachable';
  } finally {
    await client.close();
  }
}

/** true when `_cluster/health` answers green or yellow (see probeElasticsearch). */
export async function esHealthy(url: string, credentials: EsProbeCredentials = {}): Promise<boolean> {
  return (await probeElasticsearch(url, credentials)) === 'healthy';
}

export async function startElasticsearch(o: EsNodeOptions): Promise<ServiceState> {
  if (await esHealthy(o.url, o.credentials)) return { name: 'elasticsearch', url: redactUrl(o.url), running: true, startedByUs: false };
  if (!isLoopbackUrl(o.url)) {
    throw new ServiceError('ES_UNAVAILABLE', `Elasticsearch is not answering at ${redactUrl(o.url)} (not a local address, so Pulse will not start it): check ELASTICSEARCH_URL`);
  }
  const javaHome = findJava21(o.javaHome);
  const home = unpack(o);
  const base = resolve(o.nodeDir ?? resolve(o.stateDir, 'elasticsearch'));
  const dataDir = join(base, 'data');
  const logsDir = join(base, 'logs');
  const tmpDir = join(base, 'tmp');
  for (const d of [dataDir, logsDir, tmpDir]) mkdirSync(d, { recursive: true });
  const port = Number(new URL(o.url).port || 9200);
  const confDir = o.confDir ? copyConfig(home, resolve(o.confDir)) : join(home, 'config');
  writeConfig(confDir, { port, transportPort: o.transportPort ?? port + 100, nodeName: o.nodeName ?? 'pulse-es-1', dataDir, logsDir, heap: o.heap, ...(o.settings ? { settings: o.settings } : {}) });
  const pidFile = join(base, 'es.pid');
  const env = { ...process.env, ES_JAVA_HOME: javaHome, ES_TMPDIR: tmpDir, ES_JAVA_OPTS: '', ES_PATH_CONF: confDir };
  let cmd = join(home, 'bin', 'elasticsearch');
  let args = ['-d', '-p', pidFile];
  if (isRoot()) {
    ensureUser(o.log);
    run('chown', ['-R', `${esUser}:${esUser}`, home, base, ...(o.confDir ? [confDir] : [])]);
    const probe = run('runuser', ['-u', esUser, '--', 'test', '-w', dataDir]);
    if (probe.status !== 0) {
      throw new ServiceError('SERVICE_START_FAILED', `user ${esUser} cannot reach ${dataDir}: make every parent folder of ${base} traversable (chmod o+x) or set PULSE_STATE_DIR to such a folder`);
    }
    args = ['-u', esUser, '--', 'env', `ES_JAVA_HOME=${javaHome}`, `ES_TMPDIR=${tmpDir}`, `ES_PATH_CONF=${confDir}`, cmd, ...args];
    cmd = 'runuser';
  }
  o.log(`starting Elasticsearch ${o.version} on 127.0.0.1:${port} (Java ${javaHome}, heap ${o.heap}, data in ${dataDir})…`);
  const r = run(cmd, args, { env, timeoutMs: 180_000 });
  if (r.status !== 0) throw new ServiceError('SERVICE_START_FAILED', `Elasticsearch failed to start: ${lastLine(r.stderr || r.stdout) || `exit ${r.status}`} (logs in ${logsDir})`);
  const up = await waitFor(() => esHealthy(o.url, o.credentials), 180_000, 1000);
  if (!up) throw new ServiceError('SERVICE_START_FAILED', `Elasticsearch did not become healthy at ${redactUrl(o.url)} within 180 s (logs in ${logsDir})`);
  return { name: 'elasticsearch', url: redactUrl(o.url), running: true, startedByUs: true, pidFile };
}

/** Finds the zip in the Maven cache (fetching it with `mvn dependency:get` when absent) and unpacks it once. */
export function unpack(o: Pick<EsNodeOptions, 'stateDir' | 'version' | 'log'>): string {
  const home = resolve(o.stateDir, 'elasticsearch', `elasticsearch-${o.version}`);
  if (existsSync(join(home, 'bin', 'elasticsearch'))) return home;
  const zip = join(homedir(), '.m2/repository/org/elasticsearch/distribution/integ-test-zip/elasticsearch', o.version, `elasticsearch-${o.version}.zip`);
  if (!existsSync(zip)) {
    const mvn = requireTool('mvn', 'maven', o.log);
    const artifact = `org.elasticsearch.distribution.integ-test-zip:elasticsearch:${o.version}:zip`;
    o.log(`fetching ${artifact} from Maven Central (once; cached in ~/.m2)…`);
    const r = run(mvn, ['-B', '-q', 'dependency:get', `-Dartifact=${artifact}`, '-Dtransitive=false']);
    if (r.status !== 0 || !existsSync(zip)) {
      throw new ServiceError('SERVICE_START_FAILED', `\`mvn dependency:get -Dartifact=${artifact}\` failed: ${lastLine(r.stdout + r.stderr)}`);
    }
  }
  const into = resolve(o.stateDir, 'elasticsearch');
  mkdirSync(into, { recursive: true });
  const unzip = which('unzip') ?? requireTool('unzip', 'unzip', o.log);
  const r = run(unzip, ['-q', '-o', zip, '-d', into]);
  if (r.status !== 0 || !existsSync(join(home, 'bin', 'elasticsearch'))) {
    throw new ServiceError('SERVICE_START_FAILED', `could not unpack ${zip}: ${lastLine(r.stderr)}`);
  }
  return home;
}

/** A private copy of the distribution's config/ (without its keystore, which the node creates for itself). */
function copyConfig(home: string, confDir: string): string {
  mkdirSync(confDir, { recursive: true });
  cpSync(join(home, 'config'), confDir, { recursive: true, filter: (src) => !src.endsWith('elasticsearch.keystore') });
  return confDir;
}

function writeConfig(
  confDir: string,
  c: { port: number; transportPort: number; nodeName: string; dataDir: string; logsDir: string; heap: string; settings?: EsSettings },
): void {
  // Unknown settings are fatal in Elasticsearch, and this distribution lacks most modules: core settings only.
  const settings: EsSettings = {
    'cluster.name': 'pulse-local',
    'node.name': c.nodeName,
    'discovery.type': 'single-node',
    'network.host': '127.0.0.1',
    'http.port': c.port,
    'transport.port': c.transportPort,
    'path.data': c.dataDir,
    'path.logs': c.logsDir,
    // x-pack security ships in this zip and defaults to on; the local node listens on loopback only.
    'xpack.security.enabled': false,
    'cluster.routing.allocation.disk.threshold_enabled': false,
    'action.destructive_requires_name': false,
    ...c.settings,
  };
  const yml = Object.entries(settings).map(([k, v]) => `${k}: ${String(v)}`).join('\n') + '\n';
  writeFileSync(join(confDir, 'elasticsearch.yml'), yml);
  const optsDir = join(confDir, 'jvm.options.d');
  mkdirSync(optsDir, { recursive: true });
  writeFileSync(join(optsDir, 'pulse-heap.options'), `-Xms${c.heap}\n-Xmx${c.heap}\n`);
}

function ensureUser(log: (msg: string) => void): void {
  if (run('id', ['-u', esUser]).status === 0) return;
  log(`creating system user ${esUser} (Elasticsearch refuses to run as root)…`);
  const r = run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', esUser]);
  if (r.status !== 0) throw new ServiceError('SERVICE_START_FAILED', `useradd ${esUser} failed: ${lastLine(r.stderr)}`);
}

/** The pid of the node we started, from its pid file, for `services down|status`. */
export function esPidFile(stateDir: string): string {
  return join(resolve(stateDir, 'elasticsearch'), 'es.pid');
}

export function esLogTail(stateDir: string): string {
  const dir = join(resolve(stateDir, 'elasticsearch'), 'logs');
  if (!existsSync(dir)) return '';
  const f = readdirSync(dir).find((n) => n === 'pulse-local.log');
  return f ? lastLine(readFileSync(join(dir, f), 'utf8')) : '';
}
