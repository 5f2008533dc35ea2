import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../infra/config/load-config.js';
import { configClock } from '../../../infra/config/clock.js';

const noFile = join(tmpdir(), 'pulse-no-such-config.yaml');

describe('loadConfig', () => {
  it('has loopback defaults', () => {
    const c = loadConfig({ env: { PULSE_CONFIG: noFile } });
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.elasticsearchUrl).toBe('http://127.0.0.1:9200');
    expect(c.timezone).toBe('Asia/Shanghai');
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('lets the environment override the file, and treats empty strings as unset', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-config-'));
    const file = join(dir, 'pulse.config.yaml');
    writeFileSync(file, 'redisUrl: redis://127.0.0.1:7000\nindexPrefix: fromfile\n');
    const c = loadConfig({ file, env: { REDIS_URL: 'redis://127.0.0.1:7001', PULSE_INDEX_PREFIX: '' } });
    expect(c.redisUrl).toBe('redis://127.0.0.1:7001');
    expect(c.indexPrefix).toBe('fromfile');
  });

  it('coerces numbers and booleans from the environment', () => {
    const c = loadConfig({ env: { PULSE_CONFIG: noFile, PULSE_ANALYZE_CONCURRENCY: '4', PULSE_LOG_PRETTY: 'yes' } });
    expect(c.analyzeConcurrency).toBe(4);
    expect(c.logPretty).toBe(true);
  });

  it("reads the crawler's shared host-slot wait budget (at least a second)", () => {
    expect(loadConfig({ env: { PULSE_CONFIG: noFile } }).crawlMaxHostWaitMs).toBe(120_000);
    expect(loadConfig({ env: { PULSE_CONFIG: noFile, PULSE_CRAWL_MAX_HOST_WAIT_MS: '5000' } }).crawlMaxHostWaitMs).toBe(5000);
    expect(() => loadConfig({ env: { PULSE_CONFIG: noFile, PULSE_CRAWL_MAX_HOST_WAIT_MS: '10' } })).toThrow(/PULSE_CRAWL_MAX_HOST_WAIT_MS/);
    expect(() => loadConfig({ env: { PULSE_CONFIG: noFile, PULSE_CRAWL_MAX_HOST_WAIT_MS: 'soon' } })).toThrow(/PULSE_CRAWL_MAX_HOST_WAIT_MS/);
  });

  it('reads PULSE_NOW as a clock that starts at that instant and runs on; without it the system clock', () => {
    const moved = loadConfig({ env: { PULSE_CONFIG: noFile, PULSE_NOW: '2027-01-05T10:00:00+08:00' } });
    const t = configClock(moved)();
    expect(t).toBeGreaterThanOrEqual(Date.parse('2027-01-05T02:00:00Z'));
    expect(t).toBeLessThan(Date.parse('2027-01-05T02:00:00Z') + 24 * 3_600_000); // a process younger than a day
    expect(configClock(loadConfig({ env: { PULSE_CONFIG: noFile } }))).toBe(Date.now);
    expect(() => loadConfig({ env: { PULSE_CONFIG: noFile, PULSE_NOW: 'next month' } })).toThrow(/PULSE_NOW.*must be an ISO date-time with a zone/);
  });

  it('names the variable, its origin and the value in one line, hiding passwords', () => {
    expect(() => loadConfig({ env: { PULSE_CONFIG: noFile, ELASTICSEARCH_URL: 'localhost:9200' } })).toThrow(
      /^invalid config: ELASTICSEARCH_URL \(environment\) .*got "localhost:9200"$/,
    );
    expect(() => loadConfig({ env: { PULSE_CONFIG: noFile, PULSE_ANALYZE_CONCURRENCY: '0' } })).toThrow(/PULSE_ANALYZE_CONCURRENCY/);
    let message = '';
    try {
      loadConfig({ env: { PULSE_CONFIG: noFile, REDIS_URL: 'redis://:s3cret@127.0.0.1:6379', PULSE_INDEX_PREFIX: 'Bad Prefix' } });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('PULSE_INDEX_PREFIX');
    expect(message).not.toContain('s3cret');
  });

  it('rejects unknown keys in the config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-config-'));
    const file = join(dir, 'pulse.config.yaml');
    writeFileSync(file, 'redisURL: redis://x\n');
    expect(() => loadConfig({ file, env: {} })).toThrow(/unknown key "redisURL"/);
  });
});
