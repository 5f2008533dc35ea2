/**
 * The one table of settings: each field has its zod schema, the environment variable that sets it,
 * and a one-line doc. `load-config.ts` turns this table into a frozen `PulseConfig`.
 * Nothing else in the project reads `process.env`.
 */
import { z } from 'zod';
import { isValidTimeZone } from '../../analysis/trends/zoned-time.js';

interface Field<S extends z.ZodType> {
  schema: S;
  env: string;
  doc: string;
}

const field = <S extends z.ZodType>(schema: S, env: string, doc: string): Field<S> => ({ schema, env, doc });

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

/** Checked when the config is loaded, so a bad zone is one line at start-up, not a RangeError on every query or page. */
const timeZone = z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Shanghai or UTC');

const bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes');

export const configFields = {
  redisUrl: field(z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).default('redis://127.0.0.1:6379'), 'REDIS_URL', 'Redis for queues and the seen-set (redis://user:pass@host:port/db, rediss:// for TLS)'),
  redisTlsCaFile: field(z.string().optional(), 'REDIS_TLS_CA_FILE', 'CA bundle for rediss:// connections'),
  elasticsearchUrl: field(httpUrl.default('http://127.0.0.1:9200'), 'ELASTICSEARCH_URL', 'Elasticsearch node (credentials may be in the URL)'),
  elasticsearchUsername: field(z.string().optional(), 'ELASTICSEARCH_USERNAME', 'basic-auth user for Elasticsearch'),
  elasticsearchPassword: field(z.string().optional(), 'ELASTICSEARCH_PASSWORD', 'basic-auth password for Elasticsearch'),
  elasticsearchApiKey: field(z.string().optional(), 'ELASTICSEARCH_API_KEY', 'API key for Elasticsearch (instead of user/password)'),
  elasticsearchCaFile: field(z.string().optional(), 'ELASTICSEARCH_CA_FILE', 'CA certificate for https Elasticsearch'),
  indexPrefix: field(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/).default('pulse'), 'PULSE_INDEX_PREFIX', 'prefix of index, alias and template names'),
  queuePrefix: field(z.string().min(1).default('pulse'), 'PULSE_QUEUE_PREFIX', 'BullMQ key prefix in Redis'),
  kibanaUrl: field(httpUrl.default('http://127.0.0.1:5601'), 'KIBANA_URL', 'Kibana, for `pulse kibana import` and printed links'),
  stateDir: field(z.string().default('.pulse'), 'PULSE_STATE_DIR', 'local state: service data, logs, downloaded Elasticsearch'),
  sourcesFile: field(z.string().default('pulse.sources.yaml'), 'PULSE_SOURCES', 'the source config file (YAML)'),
  timezone: field(timeZone.default('Asia/Shanghai'), 'PULSE_TIMEZONE', 'time zone of trend buckets and Chinese relative dates'),
  authorSalt: field(z.string().default('pulse-default-salt-change-me'), 'PULSE_AUTHOR_SALT', 'salt for hashing author names/ids'),
  analyzeConcurrency: field(z.coerce.number().int().min(1).default(2), 'PULSE_ANALYZE_CONCURRENCY', 'analyze jobs in flight per process'),
  indexConcurrency: field(z.coerce.number().int().min(1).default(1), 'PULSE_INDEX_CONCURRENCY', 'index jobs in flight per process'),
  crawlConcurrency: field(z.coerce.number().int().min(1).default(1), 'PULSE_CRAWL_CONCURRENCY', 'crawl jobs in flight per process'),
  indexBatchSize: field(z.coerce.number().int().min(1).max(5000).default(1000), 'PULSE_INDEX_BATCH_SIZE', 'documents per bulk request'),
  indexBatchBytes: field(z.coerce.number().int().min(1024).default(5_000_000), 'PULSE_INDEX_BATCH_BYTES', 'maximum bytes per bulk request'),
  workerHeapGrowingPercent: field(z.coerce.number().int().min(0).max(300).default(50), 'PULSE_WORKER_HEAP_GROWING_PERCENT', "how far a worker process's V8 heap may grow past its live data before the next full GC, in % (0 = V8's own, up to 300%)"),
  shutdownTimeoutMs: field(z.coerce.number().int().min(0).default(30_000), 'PULSE_SHUTDOWN_TIMEOUT_MS', 'how long workers may drain on SIGTERM'),
  chromiumPath: field(z.string().default('/usr/bin/chromium'), 'PULSE_CHROMIUM_PATH', 'Chromium executable for browser sources and the report test'),
  alertsCron: field(z.string().regex(/^\S+(\s+\S+){4,5}$/).default('0 5 * * * *'), 'PULSE_ALERTS_CRON', 'when the scheduled alert pass runs (cron, seconds first when 6 fields), in PULSE_TIMEZONE'),
  alertWebhookUrl: field(httpUrl.optional(), 'PULSE_ALERT_WEBHOOK', 'optional webhook that receives alerts as JSON'),
  esJavaHome: field(z.string().optional(), 'ES_JAVA_HOME', 'JDK 21+ for the local Elasticsearch (auto-detected under /usr/lib/jvm)'),
  esVersion: field(z.string().default('9.5.4'), 'PULSE_ES_VERSION', 'version of the local Elasticsearch integ-test zip'),
  esHeap: field(z.string().default('1g'), 'PULSE_ES_HEAP', 'heap of the local Elasticsearch'),
  crawlUserAgent: field(z.string().min(3).default('PulseBot/0.1 (public-discourse research crawler; honours robots.txt)'), 'PULSE_CRAWL_USER_AGENT', 'identifiable user agent of the crawler'),
  crawlMaxHostWaitMs: field(z.coerce.number().int().min(1000).default(120_000), 'PULSE_CRAWL_MAX_HOST_WAIT_MS', "longest a request waits for its host's shared slot before it is retried with backoff (HOST_BUSY)"),
  crawlAllowPrivate: field(z.string().default(''), 'PULSE_CRAWL_ALLOW_PRIVATE', 'comma-separated private/loopback hosts the crawler may reach: host (any port), host:port, [ipv6]:port; "*" = all; empty = none'),
  demoPort: field(z.coerce.number().int().min(1).max(65535).default(8731), 'PULSE_DEMO_PORT', 'fixed loopback port of the bundled demo site (fixed so document ids are stable across runs)'),
  now: field(z.iso.datetime({ offset: true, error: 'must be an ISO date-time with a zone, e.g. 2027-01-05T09:00:00+08:00' }).optional(), 'PULSE_NOW', 'pretend the clock read this instant when the process started (tests, replays); unset = the system clock'),
  logLevel: field(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'), 'PULSE_LOG_LEVEL', 'pino log level'),
  logPretty: field(bool.default(false), 'PULSE_LOG_PRETTY', 'human-readable logs instead of JSON lines'),
} as const;

export type ConfigFields = typeof configFields;
export type PulseConfig = Readonly<{ [K in keyof ConfigFields]: z.output<ConfigFields[K]['schema']> }>;
