/**
 * The publication time of an article page. What the reader sees near the headline wins (pages often carry stale or
 * update times in their meta tags); structured data fills in what the visible text lacks (a time of day, a year) or
 * stands in when nothing is shown; relative text (昨天, 3小时前) counts only when nothing absolute exists.
 * Wall-clock text is read in the source's time zone.
 */
import type { AutoField } from './extract-article.js';
import { findDates, hitToDate, type DateHit } from './date-text.js';
import type { StructuredData, StructuredValue } from './structured-data.js';

export interface DateContext {
  now: Date;
  timezone: string;
}

export interface DateSearch {
  /** Candidate lines in order of preference: near the headline first, then around the end of the article. */
  zones: string[][];
  structured: StructuredData;
  ctx: DateContext;
  /** The page address: many CMSs put the day in the path (/2019-07/03/, /20190703/). */
  url?: string;
}

const urlDay = /(?:^|\D)((?:19|20)\d{2})[-_/]?(0[1-9]|1[0-2])[-_/]?(0[1-9]|[12]\d|3[01])(?=\D|$)/;

/** The day in a URL path, read at midnight in the source zone. */
function dateFromUrl(url: string | undefined, ctx: DateContext): Parsed | null {
  if (!url || !URL.canParse(url)) return null;
  const m = urlDay.exec(new URL(url).pathname);
  if (!m) return null;
  const at = hitToDate({ wall: `${m[1]}-${m[2]}-${m[3]}`, hasTime: false, hasYear: true, relative: false, start: 0, end: 0 }, ctx);
  return at && at.getTime() <= ctx.now.getTime() + 864e5 ? { at, hasTime: false, rule: 'url', text: url } : null;
}

export interface FoundDate {
  field: AutoField<Date>;
  text: string;
}

const labelled = /(发布|发表|时间|日期|发稿|出版|刊发|posted|published)/i;
const notPublication = /(更新|修改|修订|最后|截止|截至|截稿|到期|updated|modified)/i;

/** A line whose date is its point (a date/source/author line), not a sentence that mentions a date. */
function dateLineHit(line: string): DateHit | null {
  if (line.length > 120) return null;
  // The first date not labelled as an update time ("最后更新: …").
  const hit = findDates(line).find((h) => !notPublication.test(line.slice(Math.max(0, h.start - 8), h.start)));
  if (!hit) return null;
  const rest = line.slice(0, hit.start) + line.slice(hit.end);
  const restLen = rest.replace(/[\s:：|｜/·•()（）[\]【】\d-]/g, '').length;
  if (labelled.test(line) || (restLen <= 30 && !/[，。；！？]/.test(rest))) return hit;
  return null;
}

interface Parsed {
  at: Date;
  hasTime: boolean;
  rule: string;
  text: string;
}

const zoneRule = (line: string): string => {
  const m = labelled.exec(line);
  return m ? `text:${m[1]}` : 'text';
};

/** An instant from a structured value: epoch seconds, ISO with zone, or wall-clock text. */
function parseStructured(v: StructuredValue, ctx: DateContext): Parsed | null {
  if (/^\d{10}$/.test(v.value)) return { at: new Date(Number(v.value) * 1000), hasTime: true, rule: v.rule, text: v.value };
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(v.value.trim())) {
    const at = new Date(v.value.trim());
    if (!Number.isNaN(at.getTime())) return { at, hasTime: true, rule: v.rule, text: v.value };
  }
  const hit = findDates(v.value).find((h) => !h.relative && h.hasYear);
  const at = hit ? hitToDate(hit, ctx) : null;
  return hit && at ? { at, hasTime: hit.hasTime, rule: v.rule, text: v.value } : null;
}

const dayKey = (at: Date, timezone: string): string => at.toLocaleDateString('en-CA', { timeZone: timezone });
const monthDayOf = (at: Date, timezone: string): [number, number, number] => {
  const [y, m, d] = dayKey(at, timezone).split('-').map(Number);
  return [y ?? 0, m ?? 0, d ?? 0];
};

/** Zones whose short lines, joined, form a date the page splits over boxes ("2019" "09/07" "19:02"). */
const joinedZones = (zones: string[][]): string[][] => zones.map((z) => [z.filter((l) => l.length <= 12).join(' ')]);

export function findPublishedAt(search: DateSearch): FoundDate | undefined {
  const { ctx, structured } = search;
  const struct = [...structured.published, ...structured.scriptTimes].map((v) => parseStructured(v, ctx)).filter((p): p is Parsed => p !== null);
  const structTimed = struct.find((p) => p.hasTime);
  const structAny = structTimed ?? struct[0];
  const fallback = structured.updated.map((v) => parseStructured(v, ctx)).find((p): p is Parsed => p !== null);

  let visible: Parsed | null = null;
  let relative: Parsed | null = null;
  outer: for (const zone of [...search.zones, ...joinedZones(search.zones)]) {
    for (const line of zone) {
      const hit = dateLineHit(line);
      if (!hit) continue;
      if (hit.relative) {
        const at: Date | null = relative ? null : hitToDate(hit, ctx);
        if (at) relative = { at, hasTime: hit.hasTime, rule: 'text:relative', text: line };
        continue;
      }
      // A date without a year takes it from structured data on the same month and day, else the recent past.
      let year: number | undefined;
      if (!hit.hasYear) {
        const ref = [...struct, ...(fallback ? [fallback] : [])].find((p) => {
          const [, m, d] = monthDayOf(p.at, ctx.timezone);
          return m === hit.month && d === hit.day;
        });
        if (ref) year = monthDayOf(ref.at, ctx.timezone)[0];
      }
      const at = hitToDate(hit, ctx, year);
      if (at) {
        visible = { at, hasTime: hit.hasTime, rule: zoneRule(line), text: line };
        break outer;
      }
    }
  }
  let chosen: Parsed | undefined;
  if (visible?.hasTime) chosen = visible;
  else if (visible) {
    // The page shows the day; structured data of the same day adds the time of day.
    const sameDay = struct.find((p) => p.hasTime && dayKey(p.at, ctx.timezone) === dayKey(visible.at, ctx.timezone));
    chosen = sameDay ? { ...sameDay, text: visible.text } : visible;
  } else chosen = structAny ?? (relative?.hasTime ? relative : undefined) ?? dateFromUrl(search.url, ctx) ?? fallback ?? relative ?? undefined;
  if (!chosen) return undefined;
  return { field: { value: chosen.at, rule: chosen.rule }, text: chosen.text };
}
