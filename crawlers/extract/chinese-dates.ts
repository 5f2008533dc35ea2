/**
 * Chinese relative and absolute times → ISO-8601 with the zone's offset (Asia/Shanghai by default): 刚刚, 5分钟前,
 * 3小时前, 今天 08:30, 昨天 21:10, 前天, 3月5日, 2024年3月5日 14:02, 2024-03-05, 2024/3/5, ISO and RFC 822 dates.
 * "now" is injected so results are testable. Returns null for text that holds no date; never guesses from digits alone.
 */
export interface DateContext {
  now: Date;
  /** IANA zone that wall-clock times on the page are in. */
  timezone: string;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

// Building an Intl.DateTimeFormat is costly; one per zone is reused.
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timezone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timezone, f);
  }
  return f;
};

/** Offset in minutes of `timezone` at instant `at` (e.g. +480 for Asia/Shanghai). */
function offsetMinutes(at: Date, timezone: string): number {
  const parts = formatterFor(timezone).formatToParts(at);
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** Formats an instant as local wall time in `timezone` with its offset: 2024-03-05T14:02:00+08:00. */
export function toZonedIso(at: Date, timezone: string): string {
  const off = offsetMinutes(at, timezone);
  const local = new Date(at.getTime() + off * 60_000);
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** The instant of a wall-clock time in `timezone` (two passes settle DST edges). */
function fromWallTime(y: number, mo: number, d: number, h: number, mi: number, s: number, timezone: string): Date {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  let at = new Date(guess - offsetMinutes(new Date(guess), timezone) * 60_000);
  at = new Date(guess - offsetMinutes(at, timezone) * 60_000);
  return at;
}

/** The wall-clock date (y, m, d) of `at` in `timezone`. */
function wallDate(at: Date, timezone: string): [number, number, number] {
  const local = new Date(at.getTime() + offsetMinutes(at, timezone) * 60_000);
  return [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()];
}

const fullWidth = (s: string): string =>
  s.replace(/[\uff10-\uff19\uff1a\uff0d\uff0f]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

const timePart = String.raw`(?:\s*(上午|下午|晚上|中午|凌晨)?\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?`;
const patterns = {
  ymd: new RegExp(String.raw`(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?|[-/.](\d{1,2})[-/.](\d{1,2}))(?:[T\s]|$)?` + timePart),
  md: new RegExp(String.raw`(?<![\d年/.-])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]` + timePart),
  mdDash: new RegExp(String.raw`(?<![\d/.-])(\d{1,2})-(\d{1,2})\s+(\d{1,2}):(\d{2})(?![\d:])`),
  dayWord: new RegExp(String.raw`(今天|今日|昨天|昨日|前天)` + timePart),
  ago: /(\d+|半|一|两|兩|几|幾)\s*(秒|分钟|分鐘|分|[个個]?小[时時]|[个個]?[钟鐘]头|[个個]?鐘頭|天|[周週]|星期|[个個]?月|年)\s*(?:之|以)?前/,
};

/** Units after normalizing traditional forms (時→时, 鐘→钟, 個→个, 週→周, 頭→头). */
const agoUnitMs: Record<string, number> = { 秒: 1e3, 分钟: 6e4, 分: 6e4, 小时: 36e5, 个小时: 36e5, 钟头: 36e5, 个钟头: 36e5, 天: 864e5, 周: 6048e5, 星期: 6048e5 };
const simplifyUnit = (u: string): string => u.replace(/時/g, '时').replace(/鐘/g, '钟').replace(/個/g, '个').replace(/週/g, '周').replace(/頭/g, '头');

function hour12(marker: string | undefined, h: number): number {
  if ((marker === '下午' || marker === '晚上') && h < 12) return h + 12;
  if (marker === '中午' && h < 11) return h + 12;
  if (marker === '凌晨' && h === 12) return 0;
  return h;
}

const validDate = (y: number, mo: number, d: number, h: number, mi: number, s: number): boolean =>
  mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && s <= 59 && y >= 1990 && y <= 2100;

export function parseChineseDate(input: string | null | undefined, ctx: DateContext): string | null {
  if (!input) return null;
  const text = fullWidth(input).trim();
  if (!text) return null;
  const { now, timezone } = ctx;
  const zoned = (at: Date): string => toZonedIso(at, timezone);

  if (/(刚刚|剛剛|刚才|剛才|just now)/i.test(text)) return zoned(now);

  // Machine formats first: ISO with a zone, or RFC 822 (feeds); both are instants.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text) || /^[A-Z][a-z]{2},?\s+\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}/.test(text)) {
    const at = new Date(text);
    if (!Number.isNaN(at.getTime())) return zoned(at);
  }

  const ago = patterns.ago.exec(text);
  if (ago) {
    const n = ago[1] === '半' ? 0.5 : ago[1] === '一' ? 1 : ago[1] === '两' || ago[1] === '兩' ? 2 : ago[1] === '几' || ago[1] === '幾' ? 3 : Number(ago[1]);
    const unit = simplifyUnit(ago[2] ?? '');
    if (/月/.test(unit) || unit === '年') {
      const [y, mo, d] = wallDate(now, timezone);
      const months = unit === '年' ? n * 12 : n;
      const t = new Date(Date.UTC(y, mo - 1 - Math.round(months), d));
      return zoned(fromWallTime(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), 0, 0, 0, timezone));
    }
    const ms = agoUnitMs[unit];
    if (ms) return zoned(new Date(now.getTime() - n * ms));
  }

  const dayWord = patterns.dayWord.exec(text);
  if (dayWord) {
    const back = dayWord[1] === '前天' ? 2 : dayWord[1]?.startsWith('昨') ? 1 : 0;
    const [y, mo, d] = wallDate(now, timezone);
    const t = new Date(Date.UTC(y, mo - 1, d - back));
    const h = hour12(dayWord[2], Number(dayWord[3] ?? 0));
    return zoned(fromWallTime(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), h, Number(dayWord[4] ?? 0), Number(dayWord[5] ?? 0), timezone));
  }

  const ymd = patterns.ymd.exec(text);
  if (ymd) {
    const y = Number(ymd[1]);
    const mo = Number(ymd[2] ?? ymd[4]);
    const d = Number(ymd[3] ?? ymd[5]);
    const h = hour12(ymd[6], Number(ymd[7] ?? 0));
    const mi = Number(ymd[8] ?? 0);
    const s = Number(ymd[9] ?? 0);
    if (validDate(y, mo, d, h, mi, s)) return zoned(fromWallTime(y, mo, d, h, mi, s, timezone));
  }

  const md = patterns.md.exec(text);
  const mdDash = md ? null : patterns.mdDash.exec(text);
  if (md || mdDash) {
    const m = (md ?? mdDash) as RegExpExecArray;
    const mo = Number(m[1]);
    const d = Number(m[2]);
    const h = md ? hour12(md[3], Number(md[4] ?? 0)) : Number(m[3]);
    const mi = Number(md ? (md[5] ?? 0) : m[4]);
    const s = md ? Number(md[6] ?? 0) : 0;
    let [y] = wallDate(now, timezone);
    if (!validDate(y, mo, d, h, mi, s)) return null;
    let at = fromWallTime(y, mo, d, h, mi, s, timezone);
    // A date without a year that would lie in the future belongs to last year (a January crawl of "12月30日").
    if (at.getTime() > now.getTime() + 864e5) at = fromWallTime((y -= 1), mo, d, h, mi, s, timezone);
    return zoned(at);
  }
  return null;
}
