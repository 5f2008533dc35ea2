/**
 * Dates as pages write them, found inside a line of text: 2019-07-03 09:51:12, 2019年07月03日 09:51, 2019/7/3, 2019 09/07
 * 19:02 (year, day and time in separate boxes), Baidu's 10-0812:00 and 18-03-0823:16, 7月3日 09:51, 昨天 10:20,
 * 3小时前. Each hit says whether it carries a time and a year; turning it into an instant is chinese-dates.ts' job.
 */
import { parseChineseDate } from '../chinese-dates.js';

export interface DateHit {
  /** Normalised wall-clock text chinese-dates parses: "2019-07-03 09:51:12", "7月3日 09:51", "3小时前". */
  wall: string;
  hasTime: boolean;
  hasYear: boolean;
  relative: boolean;
  /** Where the hit starts and ends in the searched text. */
  start: number;
  end: number;
  month?: number;
  day?: number;
}

const p2 = (n: string | undefined): string => (n ?? '0').padStart(2, '0');
const time = String.raw`(?:\s*[T\s]?\s*(上午|下午|晚上|中午|凌晨|早上)?\s*(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?)?`;

/** 24-hour clock from a 12-hour one with its 上午/下午 marker. */
const hour24 = (marker: string | undefined, h: string | undefined): string | undefined => {
  if (h === undefined) return undefined;
  const n = Number(h);
  if ((marker === '下午' || marker === '晚上' || (marker === '中午' && n < 11)) && n < 12) return String(n + 12);
  if (marker === '凌晨' && n === 12) return '0';
  return h;
};
const full = new RegExp(String.raw`(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?` + time, 'g');
const splitBoxes = /(?<!\d)((?:19|20)\d{2})\s+(\d{1,2})\/(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?/g;
const shortYear = /(?<![\d-])(\d{2})-(\d{2})-(\d{2})\s*(\d{2}):(\d{2})(?![\d:])/g;
const monthDay = new RegExp(String.raw`(?<![\d./-])(\d{1,2})\s*(?:月\s*(\d{1,2})\s*[日号]|-(\d{2})(?=\s*\d{1,2}:\d{2}))` + time, 'g');
const relative = /(刚刚|\d+\s*(?:秒|分钟|小时|个小时|天|周)\s*前|(?:今天|昨天|前天)(?:\s*\d{1,2}:\d{2})?)/g;

const valid = (mo: number, d: number, h: number, mi: number): boolean => mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59;

/** Every date in `text`, in order of appearance (overlapping weaker forms dropped). */
export function findDates(text: string): DateHit[] {
  const hits: DateHit[] = [];
  const taken = (s: number, e: number): boolean => hits.some((h) => s < h.end && e > h.start);
  const add = (hit: DateHit): void => {
    if (!taken(hit.start, hit.end)) hits.push(hit);
  };
  for (const m of text.matchAll(full)) {
    const [, y, mo, d, ampm, hh, mi, s] = m;
    const h = hour24(ampm, hh);
    if (!valid(Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0))) continue;
    const hasTime = h !== undefined;
    add({ wall: `${y}-${p2(mo)}-${p2(d)}${hasTime ? ` ${p2(h)}:${p2(mi)}:${p2(s)}` : ''}`, hasTime, hasYear: true, relative: false, start: m.index, end: m.index + m[0].length, month: Number(mo), day: Number(d) });
  }
  for (const m of text.matchAll(splitBoxes)) {
    const [, y, mo, d, h, mi, s] = m;
    if (valid(Number(mo), Number(d), Number(h), Number(mi))) add({ wall: `${y}-${p2(mo)}-${p2(d)} ${p2(h)}:${p2(mi)}:${p2(s)}`, hasTime: true, hasYear: true, relative: false, start: m.index, end: m.index + m[0].length, month: Number(mo), day: Number(d) });
  }
  for (const m of text.matchAll(shortYear)) {
    const [, yy, mo, d, h, mi] = m;
    if (valid(Number(mo), Number(d), Number(h), Number(mi))) add({ wall: `20${yy}-${mo}-${d} ${h}:${mi}:00`, hasTime: true, hasYear: true, relative: false, start: m.index, end: m.index + m[0].length, month: Number(mo), day: Number(d) });
  }
  for (const m of text.matchAll(monthDay)) {
    const mo = m[1];
    const d = m[2] ?? m[3];
    const [h, mi, s] = [hour24(m[4], m[5]), m[6], m[7]];
    if (!valid(Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0))) continue;
    const hasTime = h !== undefined;
    add({ wall: `${Number(mo)}月${Number(d)}日${hasTime ? ` ${p2(h)}:${p2(mi)}:${p2(s)}` : ''}`, hasTime, hasYear: false, relative: false, start: m.index, end: m.index + m[0].length, month: Number(mo), day: Number(d) });
  }
  for (const m of text.matchAll(relative)) {
    const t = m[0];
    add({ wall: t, hasTime: /前|\d:\d|刚刚/.test(t), hasYear: true, relative: true, start: m.index, end: m.index + t.length });
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** The instant of a hit in `timezone`; a hit without a year takes `year` (else the year that keeps it in the past). */
export function hitToDate(hit: DateHit, ctx: { now: Date; timezone: string }, year?: number): Date | null {
  const wall = !hit.hasYear && year ? `${year}年${hit.wall}` : hit.wall;
  const iso = parseChineseDate(wall, ctx);
  return iso ? new Date(iso) : null;
}
