/**
 * The end every fault scenario must reach: crawled = searchable, zero duplicates, zero lost, nothing unexpected,
 * no clear author names, and no job left waiting/active/delayed (failed only where the scenario expects it).
 * Prints the scenario line first, so the figures show even when an assertion fails.
 */
import { expect } from 'vitest';
import type { FaultRun } from './fault-run.js';
import { formatTally, unfinished, type Tally, type QueueState } from './pipeline-tally.js';

export interface CleanEnd {
  tally: Tally;
  state: QueueState;
}

export async function expectCleanEnd(run: FaultRun, scenario: string, expected: { failed?: number; deadLetters?: number } = {}): Promise<CleanEnd> {
  const tally = await run.tally();
  const state = await run.state();
  for (const line of await run.crawlRuns()) run.mark(line);
  run.mark('verified');
  console.log(`${run.timeline()}\n${formatTally(scenario, tally)}`);
  expect(tally.searchable, 'documents searchable = documents the site published').toBe(tally.in);
  expect(tally.duplicates, 'duplicates').toBe(0);
  expect(tally.lost, 'lost').toBe(0);
  expect(tally.unexpected, 'documents that are no fixture article').toBe(0);
  expect(tally.clearAuthors, 'documents holding a clear author name').toBe(0);
  expect(unfinished(state), `stuck jobs ${JSON.stringify(state)}`).toBe(0);
  const failed = (state.crawl['failed'] ?? 0) + (state.analyze['failed'] ?? 0) + (state.index['failed'] ?? 0);
  expect(failed, `failed jobs ${JSON.stringify(state)}`).toBe(expected.failed ?? 0);
  expect(state.dead['waiting'] ?? 0, 'dead letters').toBe(expected.deadLetters ?? 0);
  return { tally, state };
}
