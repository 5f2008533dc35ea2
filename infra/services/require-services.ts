/**
 * Fails fast, in one line, when Redis or Elasticsearch does not answer: the message names the URL (credentials
 * hidden) and the command that starts it, instead of a client stack trace minutes later.
 */
import type { PulseConfig } from '../config/config-fields.js';
import { redactUrl } from '../config/load-config.js';
import { ServiceError } from '../errors.js';
import { probeElasticsearch } from './elasticsearch-node.js';
import { probeRedis } from './redis-server.js';

const startHint = '`node workers/cli/pulse.mjs services up` (or `docker compose --env-file infra/compose.env up -d`)';

/** The URLs, plus (optionally) the credentials and CA files the pipeline itself will use. */
export type ServiceEndpoints = Pick<PulseConfig, 'redisUrl' | 'elasticsearchUrl'> &
  Partial<Pick<PulseConfig, 'redisTlsCaFile' | 'elasticsearchUsername' | 'elasticsearchPassword' | 'elasticsearchApiKey' | 'elasticsearchCaFile'>>;

export async function requireServices(config: ServiceEndpoints): Promise<void> {
  await requireRedis(config);
  await requireElasticsearch(config);
}

/** The Elasticsearch half of requireServices, for commands that only read the index. */
export async function requireElasticsearch(config: Omit<ServiceEndpoints, 'redisUrl' | 'redisTlsCaFile'>): Promise<void> {
  const es = await probeElasticsearch(config.elasticsearchUrl, config);
  if (es === 'unauthorized') {
    throw new ServiceError(
      'ES_UNAVAILABLE',
      `Elasticsearch at ${redactUrl(config.elasticsearchUrl)} refused our credentials (401/403): check ELASTICSEARCH_USERNAME/ELASTICSEARCH_PASSWORD, ELASTICSEARCH_API_KEY or the URL's user`,
      { url: redactUrl(config.elasticsearchUrl) },
    );
  }
  if (es !== 'healthy') {
    throw new ServiceError('ES_UNAVAILABLE', `Elasticsearch is not answering at ${redactUrl(config.elasticsearchUrl)}: start it with ${startHint}`, {
      url: redactUrl(config.elasticsearchUrl),
    });
  }
}

/** The Redis half of requireServices, for commands that only need the queues. */
export async function requireRedis(config: Pick<ServiceEndpoints, 'redisUrl' | 'redisTlsCaFile'>): Promise<void> {
  const redis = await probeRedis(config.redisUrl, config.redisTlsCaFile ? { tlsCaFile: config.redisTlsCaFile } : {});
  if (redis === 'unauthorized') {
    throw new ServiceError('REDIS_UNAVAILABLE', `Redis at ${redactUrl(config.redisUrl)} refused our credentials (NOAUTH/WRONGPASS): check the user and password in REDIS_URL`, {
      url: redactUrl(config.redisUrl),
    });
  }
  if (redis !== 'ok') {
    throw new ServiceError('REDIS_UNAVAILABLE', `Redis is not answering at ${redactUrl(config.redisUrl)}: start it with ${startHint}`, { url: redactUrl(config.redisUrl) });
  }
}
