/**
 * The filter flags shared by `pulse trends`, `export`, `report` and `alerts` (time range, source, topic, aspect,
 * label, speaker, seller ads) and their translation into a PostFilter. Analyst views leave seller ads out by default.
 */
import type { Command } from 'commander';
import { SentimentLabel, SpeakerType } from '../../analysis/analyzed-document.js';
import { addPeriods, formatZoned, isValidTimeZone } from '../../analysis/trends/zoned-time.js';
import type { TrendInterval } from '../../analysis/trends/trend-row.js';
import type { PostFilter } from '../../infra/elasticsearch/post-filter.js';
import { QueryError } from '../../infra/elasticsearch/query-error.js';

export interface FilterFlags {
  from?: string;
  to?: string;
  last?: string;
  source?: string[];
  topic?: string;
  aspect?: string;
  label?: string;
  speaker?: string[];
  includeAds?: boolean;
  tz?: string;
}

export function addFilterFlags(command: Command): Command {
  return command
    .option('--from <date>', 'start (inclusive): 2026-11-20, 2026-11-20T08:00 (local to --tz) or ISO with offset')
    .option('--to <date>', 'end (exclusive), same forms')
    .option('--last <span>', 'instead of --from: the last N periods up to now, e.g. 24h, 14d, 8w')
    .option('--source <id...>', 'only these source ids')
    .option('--topic <topic>', 'only documents of this topic')
    .option('--aspect <name>', 'only documents mentioning this aspect (recruiting, stockpiling, income, quality, legality, platform, refunds, trust)')
    .option('--label <label>', 'only this document sentiment label (neg, neu, pos)')
    .option('--speaker <type...>', 'only these speaker types (seller_ad, consumer, agent, media, other)')
    .option('--include-ads', 'count seller advertising too (left out by default; the command says how many it left out)')
    .option('--tz <zone>', 'time zone of dates and periods (default: config timezone)');
}

/**
 * The zone of a command: `--tz` when given (checked here, before any date is read or query sent), else the config's
 * (PULSE_TIMEZONE is checked when the config is loaded).
 */
export function timeZoneFromFlags(flags: Pick<FilterFlags, 'tz'>, configTimezone: string): string {
  if (flags.tz === undefined) return configTimezone;
  if (!isValidTimeZone(flags.tz)) {
    throw new QueryError('INVALID_TIME_ZONE', `--tz must be an IANA time zone such as Asia/Shanghai or UTC, got "${flags.tz}"`, { timezone: flags.tz });
  }
  return flags.tz;
}

export function filterFromFlags(flags: FilterFlags, timezone: string, now = Date.now()): PostFilter {
  const filter: PostFilter = {};
  if (flags.last) filter.from = lastSpanStart(flags.last, timezone, now);
  else if (flags.from) filter.from = flags.from;
  if (flags.to) filter.to = flags.to;
  if (flags.source?.length) filter.sourceId = flags.source;
  if (flags.topic) filter.topic = flags.topic;
  if (flags.aspect) filter.aspect = flags.aspect;
  if (flags.label) {
    const parsed = SentimentLabel.safeParse(flags.label);
    if (!parsed.success) throw new QueryError('INVALID_FILTER', `--label must be one of ${SentimentLabel.options.join(', ')}, got "${flags.label}"`);
    filter.label = parsed.data;
  }
  if (flags.speaker?.length) {
    const bad = flags.speaker.filter((s) => !SpeakerType.safeParse(s).success);
    if (bad.length) throw new QueryError('INVALID_FILTER', `--speaker must be among ${SpeakerType.options.join(', ')}, got "${bad.join(', ')}"`);
    filter.speakerTypes = flags.speaker as SpeakerType[];
  }
  // An explicit speaker list is respected as given; otherwise analyst views leave seller ads out.
  filter.excludeSellerAds = !flags.includeAds && !flags.speaker?.length;
  return filter;
}

/**
 * The line every view that leaves seller ads out shows: how many it left out and how to include them. Said even for
 * zero, so a reader always knows the view leaves ads out (the count comes from countSellerAdsLeftOut).
 */
export function sellerAdsNotice(leftOut: number): string {
  return leftOut === 1
    ? '1 seller ad left out; run with --include-ads to include it'
    : `${leftOut} seller ads left out; run with --include-ads to include them`;
}

/** "14d" → the start of the day 13 days before today (so 14 whole periods including today). */
export function lastSpanStart(span: string, timezone: string, now: number): string {
  const m = /^(\d+)\s*([hdw])$/.exec(span.trim());
  if (!m || Number(m[1]) < 1) throw new QueryError('INVALID_TIME_RANGE', `--last must look like 24h, 14d or 8w, got "${span}"`);
  const interval: TrendInterval = m[2] === 'h' ? 'hour' : m[2] === 'w' ? 'week' : 'day';
  return formatZoned(addPeriods(now, interval, 1 - Number(m[1]), timezone), timezone);
}
