/**
 * Job schedulers from the sources config on the real Redis: create, leave unchanged, update on a cron change,
 * remove a deleted or disabled source — through syncSchedules and through `pulse schedule sync|list`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { parseSources } from '../../../crawlers/index.js';
import { createQueues, type PulseQueues } from '../../../workers/queues.js';
import { producerConnection } from '../../../workers/redis-connection.js';
import { listSchedules, syncSchedules } from '../../../workers/schedules.js';
import { testNamespace } from '../../helpers/test-namespace.js';

const ns = testNamespace('schedules');
let redis: Redis;
let queues: PulseQueues;

const sourceYaml = (id: string, schedule: string, extra = ''): string =>
  `  - id: ${id}\n    type: rss\n    schedule: "${schedule}"\n    topics: [微商]\n    feedUrls: ["http://news.example/${id}.xml"]\n${extra}`;

beforeAll(() => {
  redis = producerConnection(ns.config);
  queues = createQueues(ns.config, redis);
});

afterAll(async () => {
  await queues.crawl.obliterate({ force: true });
  const keys = await redis.keys(`${ns.config.queuePrefix}:*`);
  if (keys.length) await redis.del(...keys);
  await queues.close();
  redis.disconnect();
});

const rss = (id: string, schedule: string, enabled = true) => ({ id, type: 'rss', schedule, enabled, topics: ['微商'], feedUrls: [`http://news.example/${id}.xml`] });

describe('syncSchedules', () => {
  it('creates, keeps, updates and removes schedulers to match the config', async () => {
    const q = queues.crawl;
    const v1 = parseSources({ sources: [rss('alpha', '0 */30 * * * *'), rss('beta', '0 0 8 * * *')] });
    expect(await syncSchedules(q, v1)).toEqual({ created: ['alpha', 'beta'], updated: [], unchanged: [], removed: [] });
    expect(await syncSchedules(q, v1)).toEqual({ created: [], updated: [], unchanged: ['alpha', 'beta'], removed: [] });

    const v2 = parseSources({ sources: [rss('alpha', '0 */10 * * * *'), rss('beta', '0 0 8 * * *')] });
    expect(await syncSchedules(q, v2)).toEqual({ created: [], updated: ['alpha'], unchanged: ['beta'], removed: [] });
    const listed = await listSchedules(q);
    expect(listed.map((s) => [s.sourceId, s.pattern, s.tz])).toEqual([
      ['alpha', '0 */10 * * * *', 'Asia/Shanghai'],
      ['beta', '0 0 8 * * *', 'Asia/Shanghai'],
    ]);
    expect(listed.every((s) => typeof s.next === 'number' && s.next > Date.now())).toBe(true);
    // The scheduled job carries the crawl payload.
    const scheduler = await q.getJobScheduler('crawl-alpha');
    expect(scheduler?.template?.data).toEqual({ sourceId: 'alpha' });

    const v3 = parseSources({ sources: [rss('alpha', '0 */10 * * * *'), rss('gamma', '0 0 9 * * *', false)] });
    expect(await syncSchedules(q, v3)).toEqual({ created: [], updated: [], unchanged: ['alpha'], removed: ['beta'] });
    const v4 = parseSources({ sources: [rss('alpha', '0 */10 * * * *', false), rss('gamma', '0 0 9 * * *')] });
    expect(await syncSchedules(q, v4)).toEqual({ created: ['gamma'], updated: [], unchanged: [], removed: ['alpha'] });
    expect((await listSchedules(q)).map((s) => s.sourceId)).toEqual(['gamma']);
  });

  it('`pulse schedule sync` and `list` work from a sources file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-sched-'));
    const file = join(dir, 'sources.yaml');
    const run = async (...args: string[]): Promise<string> => {
      const { stdout } = await promisify(execFile)('node', ['workers/cli/pulse.mjs', 'schedule', ...args], {
        env: { ...process.env, PULSE_QUEUE_PREFIX: `${ns.config.queuePrefix}-cli`, PULSE_SOURCES: file, PULSE_LOG_LEVEL: 'warn' },
      });
      return stdout;
    };
    try {
      writeFileSync(file, `sources:\n${sourceYaml('one', '0 0 * * * *')}${sourceYaml('two', '0 30 * * * *')}`);
      expect(await run('sync')).toMatch(/created\s+2\s+one, two/);
      writeFileSync(file, `sources:\n${sourceYaml('one', '0 15 * * * *', '    timezone: UTC\n')}`);
      const out = await run('sync');
      expect(out).toMatch(/updated\s+1\s+one/);
      expect(out).toMatch(/removed\s+1\s+two/);
      const listed = JSON.parse(await run('list', '--json')) as Array<{ sourceId: string; pattern: string; tz: string }>;
      expect(listed.map((s) => [s.sourceId, s.pattern, s.tz])).toEqual([['one', '0 15 * * * *', 'UTC']]);
    } finally {
      const keys = await redis.keys(`${ns.config.queuePrefix}-cli:*`);
      if (keys.length) await redis.del(...keys);
    }
  });
});
