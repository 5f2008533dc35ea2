/**
 * The only place that constructs an Elasticsearch `Client`: takes the parsed config, gives a client with credentials
 * (URL auth, user/password, API key, CA file) and a request timeout. Never logs or echoes credentials.
 */
import { readFileSync } from 'node:fs';
import { Client } from '@elastic/elasticsearch';
import type { PulseConfig } from '../config/config-fields.js';
import { ServiceError } from '../errors.js';
import { publicEsUrl } from './public-es-url.js';

export interface EsClientOptions {
  /** Per-request timeout; bulk and aggregation requests must finish within it. @default 30_000 */
  requestTimeoutMs?: number;
  /** Transport-level retries on connection errors and 502/503/504. @default 2 */
  maxRetries?: number;
}

type ClientOptions = NonNullable<ConstructorParameters<typeof Client>[0]>;

type EsConfig = Pick<
  PulseConfig,
  'elasticsearchUrl' | 'elasticsearchUsername' | 'elasticsearchPassword' | 'elasticsearchApiKey' | 'elasticsearchCaFile'
>;

export function createEsClient(config: EsConfig, options: EsClientOptions = {}): Client {
  const clientOptions: ClientOptions = {
    node: config.elasticsearchUrl,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 2,
    // The integ-test zip has no `GET /`; the product check rides on response headers, so nothing else is needed.
    compression: false,
  };
  // Explicit settings win over credentials embedded in the URL (the client reads those itself).
  if (config.elasticsearchApiKey) clientOptions.auth = { apiKey: config.elasticsearchApiKey };
  else if (config.elasticsearchUsername !== undefined && config.elasticsearchPassword !== undefined) {
    clientOptions.auth = { username: config.elasticsearchUsername, password: config.elasticsearchPassword };
  }
  if (config.elasticsearchCaFile) {
    try {
      clientOptions.tls = { ca: readFileSync(config.elasticsearchCaFile), rejectUnauthorized: true };
    } catch (error) {
      throw new ServiceError(
        'CONFIG_INVALID',
        `invalid config: ELASTICSEARCH_CA_FILE ${config.elasticsearchCaFile} cannot be read (${(error as Error).message})`,
        { url: publicEsUrl(config.elasticsearchUrl) },
      );
    }
  }
  return new Client(clientOptions);
}
