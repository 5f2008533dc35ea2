/**
 * A mapping change without a rebuild by hand: puts the current template, creates `<prefix>-posts-v<N>`, copies the
 * alias's current index into it (copy-index), catches up on documents written meanwhile, then moves the alias in one
 * atomic alias update. The old index is kept for the operator to delete once satisfied.
 */
import type { Client } from '@elastic/elasticsearch';
import type { PulseConfig } from '../config/config-fields.js';
import type { Logger } from '../logger.js';
import { ServiceError } from '../errors.js';
import { aliasTargets, ensureIndex, putPostsTemplate } from './ensure-index.js';
import { copyIndex } from './copy-index.js';
import { postsIndexNames } from './posts-index.js';
import { translateEsError } from './translate-es-error.js';

export interface MigrationResult {
  alias: string;
  from: string | null;
  to: string;
  copied: number;
  /** Nothing to do: the alias already points at the current version. */
  upToDate: boolean;
}

export interface MigrateOptions {
  logger?: Logger;
  onProgress?: (copied: number, total: number) => void;
  /** Target version (default: the template file's postsIndexVersion). */
  version?: number;
}

type MigrateConfig = Pick<PulseConfig, 'indexPrefix' | 'elasticsearchUrl'>;

export async function migratePostsIndex(client: Client, config: MigrateConfig, options: MigrateOptions = {}): Promise<MigrationResult> {
  const names = postsIndexNames(config.indexPrefix, options.version);
  try {
    const current = await aliasTargets(client, names.alias);
    if (current.length === 0) {
      const created = await ensureIndex(client, config);
      return { alias: names.alias, from: null, to: created.index, copied: 0, upToDate: true };
    }
    if (current.length > 1) {
      throw new ServiceError('ES_REJECTED', `alias ${names.alias} points at ${current.length} indices (${current.map((c) => c.index).join(', ')}): fix it by hand before migrating`);
    }
    const from = current[0]!.index;
    if (from === names.index) return { alias: names.alias, from, to: from, copied: 0, upToDate: true };
    await putPostsTemplate(client, config.indexPrefix);
    if (!(await client.indices.exists({ index: names.index }))) await client.indices.create({ index: names.index });
    const startedAt = new Date(Date.now() - 60_000).toISOString();
    options.logger?.info({ from, to: names.index }, 'copying posts into the new index version');
    const first = await copyIndex(client, from, names.index, { onProgress: options.onProgress });
    throwOnFailures(first.failed, from, names.index, false);
    await client.indices.updateAliases({
      actions: [
        { remove: { index: from, alias: names.alias } },
        { add: { index: names.index, alias: names.alias, is_write_index: true } },
      ],
    });
    // Writers kept using the old index until the swap: copy what they indexed meanwhile (same _id, so no duplicates).
    await client.indices.refresh({ index: from });
    const catchUp = await copyIndex(client, from, names.index, { query: { range: { indexedAt: { gte: startedAt } } } });
    throwOnFailures(catchUp.failed, from, names.index, true);
    await client.indices.refresh({ index: names.index });
    return { alias: names.alias, from, to: names.index, copied: first.copied, upToDate: false };
  } catch (error) {
    throw translateEsError(error, config.elasticsearchUrl, `migrating ${names.alias} to ${names.index}`);
  }
}

function throwOnFailures(failed: Array<{ id: string; reason: string }>, from: string, to: string, aliasMoved: boolean): void {
  if (failed.length === 0) return;
  const state = aliasMoved
    ? `the alias already points at ${to}; ${from} still holds them`
    : 'the alias was not moved — fix the mapping or the documents and re-run';
  throw new ServiceError('ES_REJECTED', `${failed.length} documents of ${from} do not fit the mapping of ${to} (first: ${failed[0]!.id} ${failed[0]!.reason}); ${state}`);
}
