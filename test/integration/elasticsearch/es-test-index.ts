/** Integration-test plumbing for Elasticsearch: a client for a test namespace and removal of everything it created. */
import type { Client } from '@elastic/elasticsearch';
import { createEsClient } from '../../../infra/elasticsearch/es-client.js';
import type { PulseConfig } from '../../../infra/config/config-fields.js';

export function testEsClient(config: PulseConfig): Client {
  return createEsClient(config);
}

/** Deletes the namespace's indices (by explicit name: destructive wildcards may be refused) and templates. */
export async function dropNamespace(client: Client, prefix: string): Promise<void> {
  const indices = await client.indices.get({ index: `${prefix}-*`, expand_wildcards: 'all' }).catch(() => ({}));
  const names = Object.keys(indices);
  if (names.length > 0) await client.indices.delete({ index: names, ignore_unavailable: true });
  const templates = await client.indices.getIndexTemplate({ name: `${prefix}-*` }).catch(() => ({ index_templates: [] }));
  for (const t of templates.index_templates) await client.indices.deleteIndexTemplate({ name: t.name });
}
