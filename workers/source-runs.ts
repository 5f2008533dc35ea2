/**
 * The last crawl run of each source, kept in one Redis hash so `pulse status` and the crawler-health alerts can say
 * when a source last ran and what it yielded, whichever machine ran it.
 */
import type { Redis } from 'ioredis';
import { z } from 'zod';

export const SourceRun = z.object({
  sourceId: z.string(),
  jobId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  ok: z.boolean(),
  pagesFetched: z.number().int(),
  documentsEmitted: z.number().int(),
  errors: z.number().int(),
  /** Pages skipped per reason (seen, unchanged, robots, off-topic…): `seen` means the source still answers. */
  skipped: z.record(z.string(), z.number()).optional(),
  message: z.string().optional(),
});
export type SourceRun = z.infer<typeof SourceRun>;

const key = (prefix: string): string => `${prefix}:pulse:source-runs`;

export async function recordSourceRun(redis: Redis, prefix: string, run: SourceRun): Promise<void> {
  await redis.hset(key(prefix), run.sourceId, JSON.stringify(run));
}

export async function lastSourceRuns(redis: Redis, prefix: string): Promise<SourceRun[]> {
  const all = await redis.hgetall(key(prefix));
  return Object.values(all)
    .map((v) => SourceRun.safeParse(JSON.parse(v)))
    .flatMap((r) => (r.success ? [r.data] : []))
    .sort((a, b) => a.sourceId.localeCompare(b.sourceId));
}
