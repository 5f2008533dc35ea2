/**
 * A job whose worker keeps dying is failed by BullMQ's stalled-job check, not by our dead-letter wrapper: it must
 * still be visible to `pulse dead-letters` and retryable from it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Worker } from 'bullmq';
import { testNamespace } from '../../helpers/test-namespace.js';
import { createQueues } from '../../../workers/queues.js';
import { connectionReady, producerConnection, workerConnection } from '../../../workers/redis-connection.js';
import { retryStalledFailures, stalledFailures } from '../../../workers/dead-letters.js';

const ns = testNamespace('stalled');
const redis = producerConnection(ns.config);
const queues = createQueues(ns.config, redis);
const connections = [redis];

afterAll(async () => {
  await queues.index.obliterate({ force: true }).catch(() => undefined);
  await queues.close();
  for (const c of connections) c.disconnect();
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('jobs failed by stalling', () => {
  it('are listed and can be retried', async () => {
    await connectionReady(redis);
    await queues.index.add('index', { docId: 'x' }, { jobId: 'stall-me' });

    // A "worker" that takes the job and dies: it fetches it by hand and never renews the lock.
    const dying = workerConnection(ns.config);
    connections.push(dying);
    const taker = new Worker('index', null, { connection: dying, prefix: ns.config.queuePrefix, lockDuration: 500 });
    const job = await taker.getNextJob('dead-token');
    expect(job?.id).toBe('stall-me');

    // Another worker's stalled check finds the expired lock; with maxStalledCount 0 the job fails at once.
    const checkerConn = workerConnection(ns.config);
    connections.push(checkerConn);
    const checker = new Worker('index', async () => 'never', {
      connection: checkerConn,
      prefix: ns.config.queuePrefix,
      stalledInterval: 300,
      maxStalledCount: 0,
    });
    let failed: Awaited<ReturnType<typeof stalledFailures>> = [];
    for (let i = 0; i < 40 && failed.length === 0; i++) {
      await sleep(250);
      failed = await stalledFailures(queues, 'index');
    }
    await checker.close();
    expect(failed.map((f) => f.job.id)).toEqual(['stall-me']);
    expect(failed[0]!.job.failedReason).toMatch(/stalled/);

    expect(await retryStalledFailures(queues)).toBe(1);
    expect(await queues.index.getJobState('stall-me')).toBe('waiting');
    expect(await stalledFailures(queues)).toHaveLength(0);

    // And it now runs to completion on a healthy worker.
    const healthyConn = workerConnection(ns.config);
    connections.push(healthyConn);
    const healthy = new Worker('index', async () => 'done', { connection: healthyConn, prefix: ns.config.queuePrefix });
    for (let i = 0; i < 40 && (await queues.index.getJobState('stall-me')) !== 'completed'; i++) await sleep(100);
    expect(await queues.index.getJobState('stall-me')).toBe('completed');
    await healthy.close();
    await taker.close(true);
  });
});
