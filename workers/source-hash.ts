/**
 * A short fingerprint of one source's config as loaded (keys sorted, so YAML key order does not matter): `pulse crawl`
 * puts it on the crawl job, and the worker refuses to crawl when the config it reads from the job's sources file on
 * its own machine differs (SOURCE_MISMATCH). Pure.
 */
import { createHash } from 'node:crypto';
import type { SourceConfig } from '../crawlers/index.js';

const stable = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(stable) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, stable((v as Record<string, unknown>)[k])])) : v;

export function sourceHash(source: SourceConfig): string {
  return createHash('sha256').update(JSON.stringify(stable(source))).digest('hex').slice(0, 16);
}
