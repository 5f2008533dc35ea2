/** Removes everything a test namespace created in Elasticsearch: its indices (posts, alerts…) and index templates. */
import type { Client } from '@elastic/elasticsearch';

/** Deletes the namespace's indices (by explicit name: destructive wildcards may be refused) and templates. */
export async function dropNamespace(client: Client, prefix: string): Promise<void> {
  const indices = await client.indices.get({ index: `${prefix}-*`, expand_wildcards: 'all' }).catch(() => ({}));
  const names = Object.keys(indices);
  if (names.length > 0) await client.indices.delete({ index: names, ignore_unavailable: true });
  const templates = await client.indices.getIndexTemplate({ name: `${prefix}-*` }).catch(() => ({ index_templates: [] }));
  for (const t of templates.index_templates) await client.indices.deleteIndexTemplate({ name: t.name });
}
