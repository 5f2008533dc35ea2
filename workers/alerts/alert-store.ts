/**
 * Where alerts are remembered: the `<prefix>-alerts` index, one document per alert key (create-only), so each alert
 * is raised once across runs and machines, and a webhook that failed is retried on the next run. Also the history
 * the report and Kibana can show.
 */
import type { Client } from '@elastic/elasticsearch';
import { errors } from '@elastic/elasticsearch';
import { alertId, type Alert } from './alert.js';

export const alertsIndex = (prefix: string): string => `${prefix}-alerts`;

export interface StoredAlert extends Alert {
  /** null until the webhook accepted it (or when no webhook is configured: set at once). */
  deliveredAt: string | null;
}

const mappings = {
  dynamic: false,
  properties: {
    key: { type: 'keyword' },
    kind: { type: 'keyword' },
    severity: { type: 'keyword' },
    scope: { type: 'keyword' },
    period: { type: 'date' },
    title: { type: 'text' },
    explanation: { type: 'text' },
    observed: { type: 'float' },
    z: { type: 'float' },
    raisedAt: { type: 'date' },
    deliveredAt: { type: 'date' },
  },
} as const;

export async function ensureAlertsIndex(client: Client, prefix: string): Promise<void> {
  const index = alertsIndex(prefix);
  if (await client.indices.exists({ index })) return;
  try {
    await client.indices.create({ index, settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings });
  } catch (error) {
    const type = error instanceof errors.ResponseError ? (error.meta.body as { error?: { type?: string } })?.error?.type : undefined;
    if (type !== 'resource_already_exists_exception') throw error;
  }
}

/** 'new' when this key was never raised; otherwise the stored alert (to retry an undelivered webhook). */
export async function recordAlert(client: Client, prefix: string, alert: StoredAlert): Promise<'new' | StoredAlert> {
  try {
    await client.create({ index: alertsIndex(prefix), id: alertId(alert.key), document: alert, refresh: true });
    return 'new';
  } catch (error) {
    if (!(error instanceof errors.ResponseError) || error.meta.statusCode !== 409) throw error;
    const existing = await client.get<StoredAlert>({ index: alertsIndex(prefix), id: alertId(alert.key) });
    return existing._source ?? alert;
  }
}

export async function markDelivered(client: Client, prefix: string, key: string, at: string): Promise<void> {
  await client.update({ index: alertsIndex(prefix), id: alertId(key), doc: { deliveredAt: at }, refresh: true });
}

export async function recentAlerts(client: Client, prefix: string, size = 50): Promise<StoredAlert[]> {
  if (!(await client.indices.exists({ index: alertsIndex(prefix) }))) return [];
  const res = await client.search<StoredAlert>({ index: alertsIndex(prefix), size, sort: [{ raisedAt: 'desc' }] });
  return res.hits.hits.flatMap((h) => (h._source ? [h._source] : []));
}
