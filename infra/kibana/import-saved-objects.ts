/**
 * Imports saved objects into Kibana: POST /api/saved_objects/_import?overwrite=true as multipart (field `file`),
 * `kbn-xsrf` header, credentials from the URL sent as basic auth (never printed). Gives Kibana's own summary.
 */
import { KibanaError } from './kibana-error.js';

export interface ImportResult {
  success: boolean;
  successCount: number;
  errors: Array<{ id: string; type: string; error: { type: string; message?: string } }>;
}

export interface ImportOptions {
  kibanaUrl: string;
  ndjson: string;
  /** Kibana space; default space when absent. */
  space?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export async function importSavedObjects(options: ImportOptions): Promise<ImportResult> {
  const url = new URL(options.kibanaUrl);
  const headers: Record<string, string> = { 'kbn-xsrf': 'true' };
  if (url.username) {
    headers['authorization'] = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  const base = url.toString().replace(/\/$/, '');
  const endpoint = `${base}${options.space ? `/s/${encodeURIComponent(options.space)}` : ''}/api/saved_objects/_import?overwrite=true`;
  const form = new FormData();
  form.append('file', new Blob([options.ndjson], { type: 'application/ndjson' }), 'saved-objects.ndjson');
  let res: Response;
  try {
    res = await (options.fetch ?? fetch)(endpoint, { method: 'POST', headers, body: form, signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
  } catch (error) {
    throw new KibanaError(
      'KIBANA_UNAVAILABLE',
      `Kibana is not answering at ${base} (${(error as Error).message}): start it with \`docker compose --env-file infra/compose.env up -d\` (Kibana needs the full Elasticsearch distribution, not the local integ-test one)`,
      { url: base },
    );
  }
  const body = (await res.json().catch(() => ({}))) as Partial<ImportResult> & { message?: string };
  if (!res.ok) throw new KibanaError('KIBANA_IMPORT_FAILED', `Kibana at ${base} refused the import (HTTP ${res.status}: ${body.message ?? 'no message'})`, { url: base });
  return { success: body.success ?? false, successCount: body.successCount ?? 0, errors: body.errors ?? [] };
}
