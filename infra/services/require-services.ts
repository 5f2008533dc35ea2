/**
 * Fails fast, in one line, when Redis or Elasticsearch does not answer: the message names the URL (credentials
 * hidden) and the command that starts it, instead of a client stack trace minutes later.
 */
import type { PulseConfig } from '../config/config-fields.js';
import { redactUrl } from '../config/load-config.js';
import { ServiceError } from '../errors.js';
import { esHealthy } from './elasticsearch-node.js';
import { pingRedis } from './redis-server.js';

const startHint = '`node workers/cli/pulse.mjs services up` (or `docker compose --env-file infra/compose.env up -d`)';

/** The URLs, plus (optionally) the credentials and CA files the pipeline itself will use. */
export type ServiceEndpoints = Pick<PulseConfig, 'redisUrl' | 'elasticsearchUrl'> &
  Partial<Pick<PulseConfig, 'redisTlsCaFile' | 'elasticsearchUsername' | 'elasticsearchPassword' | 'elasticsearchApiKey' | 'elasticsearchCaFile'>>;

export async function requireServices(config: ServiceEndpoints): Promise<void> {
  if (!(await pingRedis(config.redisUrl, config.redisTlsCaFile ? { tlsCaFile: config.redisTlsCaFile } : {}))) {
    throw new ServiceError('REDIS_UNAVAILABLE', `Redis is not answering at ${redactUrl(config.redisUrl)}: start it with ${startHint}`, { url: redactUrl(config.redisUrl) });
  }
  if (!(await esHealthy(config.elasticsearchUrl, config))) {
    throw new ServiceError('ES_UNAVAILABLE', `Elasticsearch is not answering at ${redactUrl(config.elasticsearchUrl)}: start it with ${startHint}`, {
      url: redactUrl(config.elasticsearchUrl),
    });
  }
}
