/**
 * The clock every run-time "now" of a process reads (crawl runs, alert passes, the demo): the system clock, or with
 * PULSE_NOW one that read that instant when the process started and runs on from there — so tests can run the
 * demo "a month later" without touching the machine's clock. Pure: no state, the same clock wherever it is made.
 */
import { performance } from 'node:perf_hooks';
import type { PulseConfig } from './config-fields.js';

export type Clock = () => number;

export function configClock(config: Pick<PulseConfig, 'now'>): Clock {
  if (config.now === undefined) return Date.now;
  const start = Date.parse(config.now);
  return () => Math.round(start + performance.now());
}
