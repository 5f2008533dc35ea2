/**
 * A bad time zone is refused up front, in one line that says where it came from (issue #15.6): PULSE_TIMEZONE or the
 * config file when the config is loaded, a source's `timezone` (with the file and source id) when the sources file is
 * loaded, and --tz before a command reads a date or sends a query — never a RangeError stack, never a failed page.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../infra/config/load-config.js';
import { loadSources, parseSources } from '../../../crawlers/index.js';
import { timeZoneFromFlags } from '../../../workers/export/filter-options.js';

const dir = mkdtempSync(join(tmpdir(), 'pulse-tz-'));
const noFile = join(dir, 'no-such-config.yaml');

describe('time zones', () => {
  it('PULSE_TIMEZONE: named with its origin and value', () => {
    expect(() => loadConfig({ env: { PULSE_CONFIG: noFile, PULSE_TIMEZONE: 'Mars/Base' } })).toThrow(
      'invalid config: PULSE_TIMEZONE (environment) must be an IANA time zone such as Asia/Shanghai or UTC, got "Mars/Base"',
    );
    expect(loadConfig({ env: { PULSE_CONFIG: noFile, PULSE_TIMEZONE: 'Europe/Berlin' } }).timezone).toBe('Europe/Berlin');
    expect(loadConfig({ env: { PULSE_CONFIG: noFile, PULSE_TIMEZONE: 'UTC' } }).timezone).toBe('UTC');
  });

  it('timezone in the config file: named with the file', () => {
    const file = join(dir, 'pulse.config.yaml');
    writeFileSync(file, 'timezone: Asia/Shanghia\n');
    expect(() => loadConfig({ file, env: {} })).toThrow(`invalid config: timezone (config file ${file}) must be an IANA time zone such as Asia/Shanghai or UTC, got "Asia/Shanghia"`);
  });

  it("a source's timezone: named with the file, the source id and the field", () => {
    const file = join(dir, 'sources.yaml');
    writeFileSync(file, 'sources:\n  - { id: mars-forum, type: rss, schedule: "0 * * * *", topics: [a], feedUrls: ["http://a.example/"], timezone: Mars/Base }\n');
    expect(() => loadSources(file)).toThrow(
      `invalid sources file ${file}: source "mars-forum", field timezone: must be an IANA time zone such as Asia/Shanghai or UTC, got "Mars/Base"`,
    );
    const [ok] = parseSources({ sources: [{ id: 'a', type: 'rss', schedule: '0 * * * *', topics: ['a'], feedUrls: ['http://a.example/'], timezone: 'Asia/Taipei' }] });
    expect(ok?.timezone).toBe('Asia/Taipei');
  });

  it('--tz: named as the flag, before any date is read', () => {
    expect(() => timeZoneFromFlags({ tz: 'Mars/Base' }, 'Asia/Shanghai')).toThrow('--tz must be an IANA time zone such as Asia/Shanghai or UTC, got "Mars/Base"');
    expect(() => timeZoneFromFlags({ tz: 'Mars/Base' }, 'Asia/Shanghai')).toThrow(expect.objectContaining({ code: 'INVALID_TIME_ZONE' }));
    expect(timeZoneFromFlags({ tz: 'America/New_York' }, 'Asia/Shanghai')).toBe('America/New_York');
    expect(timeZoneFromFlags({}, 'Asia/Shanghai')).toBe('Asia/Shanghai');
  });
});
