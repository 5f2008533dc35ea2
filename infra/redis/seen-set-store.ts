/**
 * Redis implementation of the crawlers' SeenSet: one hash per source (`<prefix>:seen:<sourceId>`), field = sha1 of
 * the canonical URL, value = JSON SeenEntry. Takes a connected ioredis client; never closes it.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { SeenEntry, SeenSet } from '../../crawlers/seen-set.js';

const field = (url: string): string => createHash('sha1').update(url, 'utf8').digest('hex');

export class RedisSeenSet implements SeenSet {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(sourceId: string): string {
    return `${this.prefix}:seen:${sourceId}`;
  }

  async getMany(sourceId: string, urls: readonly string[]): Promise<Array<SeenEntry | null>> {
    if (urls.length === 0) return [];
    const values = await this.redis.hmget(this.key(sourceId), ...urls.map(field));
    return values.map((v) => (v ? (JSON.parse(v) as SeenEntry) : null));
  }

  async putMany(sourceId: string, entries: ReadonlyArray<{ url: string; entry: SeenEntry }>): Promise<void> {
    if (entries.length === 0) return;
    const args: string[] = [];
    for (const { url, entry } of entries) args.push(field(url), JSON.stringify(entry));
    await this.redis.hset(this.key(sourceId), ...args);
  }

  async clear(sourceId: string): Promise<void> {
    await this.redis.del(this.key(sourceId));
  }
}
