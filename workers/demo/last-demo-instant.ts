/**
 * The latest trend time (`@timestamp`: published, else fetched) among the demo sources' documents: the demo's "today"
 * for judging bursts. Input: the posts alias and the demo source ids. Output: epoch ms, or undefined when none.
 */
import type { Client } from '@elastic/elasticsearch';

export async function lastDemoInstant(es: Client, alias: string, sourceIds: string[]): Promise<number | undefined> {
  const res = await es.search({
    index: alias,
    size: 0,
    query: { terms: { sourceId: sourceIds } },
    aggs: { last: { max: { field: '@timestamp' } } },
  });
  const value = (res.aggregations?.['last'] as { value: number | null } | undefined)?.value;
  return value === null || value === undefined ? undefined : value;
}
