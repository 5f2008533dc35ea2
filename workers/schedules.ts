/**
 * Sources' cron → BullMQ job schedulers on the crawl queue (one per enabled source, id `crawl-<sourceId>`):
 * upsert new/changed ones, remove those of sources no longer in the config (or disabled). Touches only schedulers
 * with that id prefix, so other schedulers on the queue are left alone.
 */
import type { Queue } from 'bullmq';
import type { SourceConfig } from '../crawlers/index.js';
import { defaultJobOptions } from './queues.js';
import { stages, type CrawlJob } from './pipeline.js';

const idPrefix = 'crawl-';
export const schedulerId = (sourceId: string): string => `${idPrefix}${sourceId}`;

export interface ScheduleInfo {
  sourceId: string;
  schedulerId: string;
  pattern: string | undefined;
  tz: string | undefined;
  /** Next run (epoch ms), if BullMQ has computed it. */
  next: number | undefined;
}

export interface SyncResult {
  created: string[];
  updated: string[];
  unchanged: string[];
  removed: string[];
}

export interface SyncOptions {
  /** Zone for sources without their own `timezone`. @default 'Asia/Shanghai' */
  timezone?: string;
  /** Sources file written into each scheduled job, so workers read the same file. */
  sourcesFile?: string;
  /** Written into each job to fill `{{baseUrl}}` (the demo and tests, whose site runs on a random port). */
  baseUrl?: string;
}

export async function listSchedules(queue: Queue): Promise<ScheduleInfo[]> {
  const all = await queue.getJobSchedulers(0, -1, true);
  return all
    .filter((s) => s.key.startsWith(idPrefix))
    .map((s) => ({ sourceId: s.key.slice(idPrefix.length), schedulerId: s.key, pattern: s.pattern, tz: s.tz, next: s.next }))
    .sort((a, b) => a.sourceId.localeCompare(b.sourceId));
}

export async function syncSchedules(queue: Queue, sources: readonly SourceConfig[], options: SyncOptions = {}): Promise<SyncResult> {
  const existing = new Map((await listSchedules(queue)).map((s) => [s.schedulerId, s]));
  const result: SyncResult = { created: [], updated: [], unchanged: [], removed: [] };
  const wanted = new Set<string>();
  for (const source of sources) {
    if (!source.enabled) continue;
    const id = schedulerId(source.id);
    wanted.add(id);
    const tz = source.timezone ?? options.timezone ?? 'Asia/Shanghai';
    const before = existing.get(id);
    if (before && before.pattern === source.schedule && before.tz === tz) {
      result.unchanged.push(source.id);
      continue;
    }
    const data: CrawlJob = {
      sourceId: source.id,
      ...(options.sourcesFile ? { sourcesFile: options.sourcesFile } : {}),
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    };
    const { attempts, backoff, removeOnComplete, removeOnFail } = defaultJobOptions.crawl;
    await queue.upsertJobScheduler(id, { pattern: source.schedule, tz }, { name: stages.crawl.queue, data, opts: { attempts, backoff, removeOnComplete, removeOnFail } });
    (before ? result.updated : result.created).push(source.id);
  }
  for (const [id, s] of existing) {
    if (wanted.has(id)) continue;
    await queue.removeJobScheduler(id);
    result.removed.push(s.sourceId);
  }
  return result;
}
