/**
 * Makes the posts index usable, idempotently: puts the composable template, and when the alias is missing creates
 * `<prefix>-posts-v<N>` behind it. Never moves an existing alias (a mapping change is `pulse index setup --migrate`).
 */
import type { Client } from '@elastic/elasticsearch';
import { errors } from '@elastic/elasticsearch';
import type { PulseConfig } from '../config/config-fields.js';
import { ServiceError } from '../errors.js';
import { postsIndexNames, postsTemplate } from './posts-index.js';
import { translateEsError } from './translate-es-error.js';
import { publicEsUrl } from './public-es-url.js';

export interface EnsureIndexResult {
  alias: string;
  /** The concrete index the alias points to (may be an older version until a migration ran). */
  index: string;
  created: boolean;
}

type IndexConfig = Pick<PulseConfig, 'indexPrefix' | 'elasticsearchUrl'>;

export async function ensureIndex(client: Client, config: IndexConfig): Promise<EnsureIndexResult> {
  const names = postsIndexNames(config.indexPrefix);
  const action = `setting up index ${names.alias}`;
  try {
    await putPostsTemplate(client, config.indexPrefix);
    const existing = await aliasTargets(client, names.alias);
    if (existing.length > 0) return { alias: names.alias, index: pickWriteIndex(existing), created: false };
    if (await client.indices.exists({ index: names.alias })) {
      throw new ServiceError(
        'ES_REJECTED',
        `${names.alias} at ${publicEsUrl(config.elasticsearchUrl)} is a concrete index, not an alias (was something indexed before \`pulse index setup\`?): delete it or reindex it into ${names.index}`,
        { url: publicEsUrl(config.elasticsearchUrl) },
      );
    }
    try {
      await client.indices.create({ index: names.index, aliases: { [names.alias]: { is_write_index: true } } });
      return { alias: names.alias, index: names.index, created: true };
    } catch (error) {
      // Another process created it between our check and create: that is success, not failure.
      if (!isAlreadyExists(error)) throw error;
      const now = await aliasTargets(client, names.alias);
      if (now.length === 0) await client.indices.updateAliases({ actions: [{ add: { index: names.index, alias: names.alias, is_write_index: true } }] });
      return { alias: names.alias, index: now.length > 0 ? pickWriteIndex(now) : names.index, created: false };
    }
  } catch (error) {
    throw translateEsError(error, config.elasticsearchUrl, action);
  }
}

/** PUT the composable template for this prefix (idempotent; replaces an older version of the same name). */
export async function putPostsTemplate(client: Client, prefix: string): Promise<void> {
  const names = postsIndexNames(prefix);
  const body = postsTemplate(prefix);
  await client.indices.putIndexTemplate({
    name: names.template,
    index_patterns: body.index_patterns,
    priority: body.priority,
    version: body.version,
    _meta: body._meta,
    template: body.template as never,
  });
}

export interface AliasTarget {
  index: string;
  isWriteIndex: boolean;
}

export async function aliasTargets(client: Client, alias: string): Promise<AliasTarget[]> {
  try {
    const res = await client.indices.getAlias({ name: alias });
    return Object.entries(res).map(([index, v]) => ({ index, isWriteIndex: v.aliases[alias]?.is_write_index === true }));
  } catch (error) {
    if (error instanceof errors.ResponseError && error.meta.statusCode === 404) return [];
    throw error;
  }
}

function pickWriteIndex(targets: AliasTarget[]): string {
  const sorted = [...targets].sort((a, b) => Number(b.isWriteIndex) - Number(a.isWriteIndex) || b.index.localeCompare(a.index));
  return sorted[0]!.index;
}

function isAlreadyExists(error: unknown): boolean {
  if (!(error instanceof errors.ResponseError)) return false;
  const type = (error.meta.body as { error?: { type?: string } } | undefined)?.error?.type;
  return type === 'resource_already_exists_exception';
}
