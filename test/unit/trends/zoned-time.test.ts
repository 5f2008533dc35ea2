import { describe, expect, it } from 'vitest';
import { addPeriods, formatZoned, parseInstant, startOfPeriod, zoneOffsetMinutes } from '../../../analysis/trends/zoned-time.js';

const sh = 'Asia/Shanghai';

describe('zoned time', () => {
  it('reads local dates in the zone and keeps explicit offsets', () => {
    expect(new Date(parseInstant('2026-11-20', sh)).toISOString()).toBe('2026-11-19T16:00:00.000Z');
    expect(new Date(parseInstant('2026-11-20T08:30', sh)).toISOString()).toBe('2026-11-20T00:30:00.000Z');
    expect(new Date(parseInstant('2026-11-20T23:30:00+08:00', 'UTC')).toISOString()).toBe('2026-11-20T15:30:00.000Z');
    expect(() => parseInstant('yesterday', sh)).toThrow(RangeError);
    expect(() => parseInstant('2026-11-20T10:00:00', sh)).not.toThrow();
  });

  it('floors to the local day, hour and Monday week', () => {
    const late = parseInstant('2026-11-20T23:30:00+08:00', sh);
    expect(formatZoned(startOfPeriod(late, 'day', sh), sh)).toBe('2026-11-20T00:00:00+08:00');
    expect(formatZoned(startOfPeriod(late, 'hour', sh), sh)).toBe('2026-11-20T23:00:00+08:00');
    expect(formatZoned(startOfPeriod(late, 'week', sh), sh)).toBe('2026-11-16T00:00:00+08:00');
    // The same instant is still the 20th in UTC but 21st in Tokyo.
    expect(formatZoned(startOfPeriod(parseInstant('2026-11-21T00:30:00+08:00', sh), 'day', 'UTC'), 'UTC')).toBe('2026-11-20T00:00:00Z');
    expect(formatZoned(startOfPeriod(late, 'day', 'Asia/Tokyo'), 'Asia/Tokyo')).toBe('2026-11-21T00:00:00+09:00');
  });

  it('steps periods across month ends and daylight-saving changes', () => {
    const d = parseInstant('2026-11-30T12:00:00+08:00', sh);
    expect(formatZoned(addPeriods(d, 'day', 1, sh), sh)).toBe('2026-12-01T00:00:00+08:00');
    expect(formatZoned(addPeriods(d, 'week', -1, sh), sh)).toBe('2026-11-23T00:00:00+08:00');
    // New York leaves DST on 2026-11-01: the day after Oct 31 starts at local midnight with the new offset.
    const ny = 'America/New_York';
    const oct31 = parseInstant('2026-10-31T12:00', ny);
    expect(formatZoned(addPeriods(oct31, 'day', 1, ny), ny)).toBe('2026-11-01T00:00:00-04:00');
    expect(formatZoned(addPeriods(oct31, 'day', 2, ny), ny)).toBe('2026-11-02T00:00:00-05:00');
    expect(zoneOffsetMinutes('Asia/Kolkata', Date.UTC(2026, 0, 1))).toBe(330);
  });
});
