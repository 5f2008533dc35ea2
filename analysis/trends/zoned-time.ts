/**
 * Calendar arithmetic in a named time zone without a date library: parse "2026-11-20" or "2026-11-20T08:00" as
 * local time of the zone (ISO strings with an offset keep theirs), floor an instant to its hour/day/week (weeks
 * start on Monday, as Elasticsearch's calendar_interval does), step periods, and format with the zone's offset.
 */
import type { TrendInterval } from './trend-row.js';

export function isValidTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** Offset of the zone from UTC at that instant, in minutes (Asia/Shanghai → 480). */
export function zoneOffsetMinutes(timezone: string, epochMs: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(epochMs))
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? '');
  if (!m) return 0;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** Local wall-clock time (as if it were UTC fields) → epoch ms in that zone. */
export function localToEpoch(timezone: string, y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  let guess = wall - zoneOffsetMinutes(timezone, wall) * 60_000;
  guess = wall - zoneOffsetMinutes(timezone, guess) * 60_000;
  return guess;
}

/** ISO instant with offset/Z, or a local date / date-time in `timezone`; throws RangeError on anything else. */
export function parseInstant(value: string, timezone: string): number {
  const local = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
  if (local) {
    const [y, mo, d, h, mi, s] = local.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
    return localToEpoch(timezone, y!, mo!, d!, h, mi, s);
  }
  const ms = Date.parse(value);
  if (!/[zZ]|[+-]\d{2}:?\d{2}$/.test(value) || Number.isNaN(ms)) {
    throw new RangeError(`not a date: "${value}" (use 2026-11-20, 2026-11-20T08:00 or an ISO time with offset)`);
  }
  return ms;
}

interface LocalFields {
  y: number;
  mo: number;
  d: number;
  h: number;
  weekday: number;
}

function localFields(timezone: string, epochMs: number): LocalFields {
  const local = new Date(epochMs + zoneOffsetMinutes(timezone, epochMs) * 60_000);
  return { y: local.getUTCFullYear(), mo: local.getUTCMonth() + 1, d: local.getUTCDate(), h: local.getUTCHours(), weekday: (local.getUTCDay() + 6) % 7 };
}

/** Start of the hour/day/week (Monday 00:00) containing the instant, in the zone. */
export function startOfPeriod(epochMs: number, interval: TrendInterval, timezone: string): number {
  const f = localFields(timezone, epochMs);
  if (interval === 'hour') return localToEpoch(timezone, f.y, f.mo, f.d, f.h);
  if (interval === 'day') return localToEpoch(timezone, f.y, f.mo, f.d);
  return localToEpoch(timezone, f.y, f.mo, f.d - f.weekday);
}

/** The period start `n` periods after the one containing `epochMs` (n may be negative). */
export function addPeriods(epochMs: number, interval: TrendInterval, n: number, timezone: string): number {
  const start = startOfPeriod(epochMs, interval, timezone);
  if (interval === 'hour') return start + n * 3_600_000;
  const f = localFields(timezone, start);
  return localToEpoch(timezone, f.y, f.mo, f.d + n * (interval === 'week' ? 7 : 1));
}

/** 2026-11-20T00:00:00+08:00 — the same shape Elasticsearch's key_as_string gives trend rows. */
export function formatZoned(epochMs: number, timezone: string): string {
  const offset = zoneOffsetMinutes(timezone, epochMs);
  const local = new Date(epochMs + offset * 60_000).toISOString().slice(0, 19);
  if (offset === 0) return `${local}Z`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
