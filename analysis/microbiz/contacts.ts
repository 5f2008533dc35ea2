/**
 * Contact redaction: finds WeChat / QQ / phone / e-mail identifiers, however disguised (vx, V信, 薇信, ➕V, 扣扣,
 * digits split by spaces, dashes, emoji, full-width, keycap 1️⃣ or circled ① digits, 一三八… numerals), and replaces
 * each identifier by CONTACT_PLACEHOLDER. Never touches prices, dates, years or counts; keeps the prompt word ("加V").
 */

import { hasUnit, unitSet, unitSetOf, type UnitSet } from '../unit-set.js';

/** What replaces every identifier. Not `[联系方式]`: square brackets would be read as a Weibo emoticon. */
export const CONTACT_PLACEHOLDER = '【联系方式】';

export type ContactKind = 'wechat' | 'qq' | 'phone' | 'email';

export interface RedactionResult {
  text: string;
  /** Number of identifiers replaced. */
  count: number;
  /** Distinct kinds found, sorted. */
  kinds: ContactKind[];
}

// Prompt words, by what they introduce. Letters are matched case-insensitively (and full-width letters too).
const WECHAT_KW = String.raw`[vｖ]\s?[xｘ]|[vｖ]\s?[信❤♥💚]|微\s?信号?|[薇威]\s?信号?|卫\s?星号?|wei\s?xin|we\s?chat|w\s?x|绿泡泡|(?:加|[➕+＋])\s?(?:[vｖ微薇威]|好友)|[vｖ薇](?=\s?[:：])`;
const QQ_KW = String.raw`q\s?q号?|ｑｑ|扣\s?扣号?|企鹅号?|q\s?号|q(?=\s?[:：])`;
const PHONE_KW = String.raw`电话|手机号?|tel|热线|联系方式|联系我|同号|call|☎\uFE0F?|📞|📱`;
const ANY_KW = `${WECHAT_KW}|${QQ_KW}|${PHONE_KW}`;
// What may sit between a prompt word and the identifier: "微信号是：", "vx 👉 ", "QQ=".
const GLUE = String.raw`(?:[ \t\u3000:：=＝\-—>→是为码\uFE0F]|\p{Extended_Pictographic}){0,5}`;

/** Prompt word, glue, alphanumeric id. Exported (as source) for the equivalence tests of replaceKeywordIds. */
export const KEYWORD_ID_SOURCE = String.raw`(?<![a-z])(${ANY_KW})(${GLUE})([a-z][a-z0-9_\-]{5,19})(?![a-z0-9_])`;
export const PROMPT_WORD_SOURCE = ANY_KW;
// Sticky ('y'): tried only where a prompt word can begin (see replaceKeywordIds), with the 'giu' scan's other flags.
const KW_ALNUM_ID_AT = new RegExp(KEYWORD_ID_SOURCE, 'iuy');
// Every UTF-16 unit a prompt word of ANY_KW can begin with, in both cases ('i' flag; full-width letters fold too).
// 📞 and 📱 begin with the high surrogate U+D83D. test/unit/analysis/microbiz/contacts-scan.test.ts checks this
// list against the regex for every code point, so a new prompt word with a new first character cannot be missed.
export const KEYWORD_FIRST_CHARS = 'vｖ微薇威卫w绿加➕+＋qｑ扣企电手t热联同c☎\uD83D';
let keywordStarts: UnitSet | undefined;
const WXID = /(?<![a-z0-9_])wxid_[a-z0-9_]{4,30}/giu;
/** E-mail address. Exported for the equivalence tests of replaceEmails. */
export const EMAIL = /[a-z0-9._%+-]{2,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})*\.[a-z]{2,10}/giu;
// The same, sticky: tried only at the one start each '@' allows (see replaceEmails).
const EMAIL_AT = new RegExp(EMAIL.source, 'iuy');
// Units of EMAIL's local part under 'iu' (with K KELVIN SIGN and LONG S, which fold to k and s), built on first use.
let emailLocalUnits: UnitSet | undefined;
const KW_BEFORE = new RegExp(`(?<![a-z])(${ANY_KW})${GLUE}$`, 'iu');
const QQ_ONLY = new RegExp(`^(?:${QQ_KW})$`, 'iu');
const WECHAT_ONLY = new RegExp(`^(?:${WECHAT_KW})$`, 'iu');

// One digit as spammers write it: ASCII, full-width, keycap (1️⃣), circled/dingbat (①❶➀➊), mathematical (𝟏).
const DIGIT = String.raw`(?:[0-9０-９](?:\uFE0F?\u20E3\uFE0F?)?|[①-⑨⓪❶-❾➀-➈➊-➒]|[\u{1D7CE}-\u{1D7FF}])`;
// Between digits: spaces, dashes, dots, zero-width chars, emoji. Not newlines or commas (lists of numbers).
const SEP = String.raw`(?:[ \t\u3000\u00A0\-‐‑‒–—―－﹣_.·•・*/\\|~～\u200B-\u200D\u2060\uFE0F]|\p{Extended_Pictographic})`;
/** A run of digits. Exported for the equivalence tests of replaceDigitRuns. */
export const DIGIT_RUN = new RegExp(`${DIGIT}(?:${SEP}{0,3}${DIGIT})*`, 'gu');
// The same, sticky, tried where DIGIT_START finds a unit a DIGIT can begin with (U+D835: high surrogate of 𝟎…𝟿).
const DIGIT_RUN_AT = new RegExp(DIGIT_RUN.source, 'uy');
const DIGIT_START = /[0-9０-９①-⑨⓪❶-❾➀-➈➊-➒\uD835]/g;
// 一三八一二三四五六七八: eleven Chinese numerals starting like a mobile number (幺 is "one" when reading phones).
const HAN_DIGIT = '[零〇一二三四五六七八九幺壹贰叁肆伍陆柒捌玖两]';
const HAN_PHONE = new RegExp(`(?<!${HAN_DIGIT})[一幺壹][三四五六七八九叁肆伍陆柒捌玖](?:[ \\-]?${HAN_DIGIT}){9}(?!${HAN_DIGIT})`, 'gu');
// A number followed by a unit is a quantity, not an identifier ("手机 12000 元").
const UNIT_AFTER = /^[ \t]?[元块万千百人件单个次天年月日号%盒箱瓶套份岁斤克wk]/iu;
// KEYWORD_ID_SOURCE's id part, with its flags: any text it matches contains this (a necessary, cheap test).
// Without the 'u' flag (whose case folding V8 scans more slowly) the class must name the two non-ASCII letters that
// fold into [a-z] under 'iu': LONG S (ſ → s) and KELVIN SIGN (K → k). It may match more texts, never fewer.
const ALNUM_ID_PRECHECK = /[a-z\u017f\u212a][a-z0-9_\-\u017f\u212a]{5}/i;
// HAN_PHONE begins with these two numerals; the leading lookbehind keeps V8 from scanning for them quickly itself.
const HAN_PHONE_PRECHECK = /[一幺壹][三四五六七八九叁肆伍陆柒捌玖]/;

/** Digit value of one code point, or -1. */
function digitValue(cp: number): number {
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  if (cp >= 0xff10 && cp <= 0xff19) return cp - 0xff10;
  if (cp >= 0x2460 && cp <= 0x2468) return cp - 0x2460 + 1;
  if (cp === 0x24ea) return 0;
  if (cp >= 0x2776 && cp <= 0x277e) return cp - 0x2776 + 1;
  if (cp >= 0x2780 && cp <= 0x2788) return cp - 0x2780 + 1;
  if (cp >= 0x278a && cp <= 0x2792) return cp - 0x278a + 1;
  if (cp >= 0x1d7ce && cp <= 0x1d7ff) return (cp - 0x1d7ce) % 10;
  return -1;
}

function digitsOf(run: string): string {
  let out = '';
  for (const ch of run) {
    const v = digitValue(ch.codePointAt(0) ?? 0);
    if (v >= 0) out += String(v);
  }
  return out;
}

/** Kind of a digit run standing alone, or null when it is an ordinary number. */
function standaloneKind(digits: string): ContactKind | null {
  const n = digits.length;
  if (n === 11 && digits.charCodeAt(0) === 49 /* 1 */ && digits.charCodeAt(1) >= 51 /* 3 */) return 'phone';
  if (n === 13 && digits.startsWith('86') && digits.charCodeAt(2) === 49 && digits.charCodeAt(3) >= 51) return 'phone';
  if ((n === 10 && (digits.startsWith('400') || digits.startsWith('800'))) || ((n === 11 || n === 12) && digits.startsWith('0') && digits[1] !== '0')) {
    return 'phone';
  }
  return null;
}

/** Kind of a digit run introduced by a prompt word, or null when the number is too short/long for that prompt. */
function promptedKind(keyword: string, digits: string): ContactKind | null {
  const n = digits.length;
  if (QQ_ONLY.test(keyword)) return n >= 5 && n <= 11 ? 'qq' : null;
  if (WECHAT_ONLY.test(keyword)) return n >= 6 && n <= 20 ? 'wechat' : null;
  return n >= 7 && n <= 16 ? 'phone' : null;
}

function kindOfKeyword(keyword: string): ContactKind {
  if (QQ_ONLY.test(keyword)) return 'qq';
  if (WECHAT_ONLY.test(keyword)) return 'wechat';
  return 'phone';
}

/**
 * Replaces the id of every KEYWORD_ID_SOURCE match (flags 'giu') by CONTACT_PLACEHOLDER, finding the same matches
 * as `text.replace(/…/giu, …)`, but the costly prompt-word
 * alternation is only tried at units that can begin one (a table read per unit), not at every position.
 * Equivalent because a match must begin with a prompt word, the global scan resumes at a match's end just as this
 * loop does, and both only ever start at code-point boundaries (a trail surrogate is never in the table).
 */
export function replaceKeywordIds(text: string, onMatch: (keyword: string) => void): string {
  keywordStarts ??= unitSetOf(KEYWORD_FIRST_CHARS + KEYWORD_FIRST_CHARS.toUpperCase());
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (!hasUnit(keywordStarts, text.charCodeAt(i))) continue;
    KW_ALNUM_ID_AT.lastIndex = i;
    const m = KW_ALNUM_ID_AT.exec(text);
    if (m === null) continue;
    const kw = m[1]!;
    onMatch(kw);
    out += text.slice(from, i) + kw + m[2]! + CONTACT_PLACEHOLDER;
    from = i + m[0].length;
    i = from - 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * Replaces every EMAIL match (flags 'giu') by CONTACT_PLACEHOLDER, finding the same matches as `text.replace(EMAIL,
 * …)` without trying every position. A match's local part is the whole run of local units (2 to 64) right before
 * its '@' (a shorter one would be followed by a local unit, not '@'), so for each '@' only the leftmost start of that
 * run, within 64 units and after the previous match, can match; if the domain fails there, no start before the '@'
 * matches (the domain does not depend on the start), and the next candidates lie around the next '@'.
 */
export function replaceEmails(text: string, onMatch: () => void): string {
  if (emailLocalUnits === undefined) {
    const local = /^[a-z0-9._%+-]$/iu;
    const units: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (local.test(String.fromCharCode(c))) units.push(c);
    emailLocalUnits = unitSet(units);
  }
  let out = '';
  let from = 0;
  let at = text.indexOf('@');
  while (at >= 0) {
    const floor = Math.max(from, at - 64);
    let start = at;
    while (start > floor && hasUnit(emailLocalUnits, text.charCodeAt(start - 1))) start--;
    if (at - start >= 2) {
      EMAIL_AT.lastIndex = start;
      const m = EMAIL_AT.exec(text);
      if (m !== null) {
        onMatch();
        out += text.slice(from, start) + CONTACT_PLACEHOLDER;
        from = start + m[0].length;
        at = text.indexOf('@', from);
        continue;
      }
    }
    at = text.indexOf('@', at + 1);
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * `text.replace(DIGIT_RUN, replacer)`, cheaper: a plain (non-'u') class search finds the next unit a run can begin
 * with and the sticky regex takes the run from there, instead of the 'u' scan with its astral ranges trying every
 * position. Same runs: the leftmost match from any position begins at the first DIGIT start (a single DIGIT is a
 * run), and a DIGIT start is always a code-point boundary. Runs the replacer keeps are not copied.
 */
export function replaceDigitRuns(text: string, replacer: (run: string, offset: number, whole: string) => string): string {
  let out = '';
  let from = 0;
  DIGIT_START.lastIndex = 0;
  for (let m = DIGIT_START.exec(text); m !== null; m = DIGIT_START.exec(text)) {
    const i = m.index;
    DIGIT_RUN_AT.lastIndex = i;
    const r = DIGIT_RUN_AT.exec(text);
    // Only a U+D835 not followed by a mathematical digit fails here; the search goes on after it.
    if (r === null) continue;
    const run = r[0];
    const to = replacer(run, i, text);
    if (to !== run) {
      out += text.slice(from, i) + to;
      from = i + run.length;
    }
    DIGIT_START.lastIndex = i + run.length;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * Replaces every contact identifier in `text` by CONTACT_PLACEHOLDER.
 * Cost: a few precompiled regex scans; strings are only rebuilt when something matched.
 */
export function redactContacts(text: string): RedactionResult {
  let count = 0;
  const kinds = new Set<ContactKind>();
  let out = text;

  if (out.includes('@')) {
    out = replaceEmails(out, () => {
      count++;
      kinds.add('email');
    });
  }
  // 'wxid_' cannot occur without its '_'.
  if (out.includes('_')) {
    out = out.replace(WXID, () => {
      count++;
      kinds.add('wechat');
      return CONTACT_PLACEHOLDER;
    });
  }
  // The prompt-word alternation is costly to try at every position; most texts have no 6-character id at all.
  if (ALNUM_ID_PRECHECK.test(out)) {
    out = replaceKeywordIds(out, (kw) => {
      count++;
      kinds.add(kindOfKeyword(kw));
    });
  }
  // replaceDigitRuns' own digit-start search is the cheap check: a text without digits costs one native scan.
  out = replaceDigitRuns(out, (run, offset, whole) => {
    // Fewer than five units cannot hold five digits (most runs: years, prices, counts).
    if (run.length < 5) return run;
    const digits = digitsOf(run);
    if (digits.length < 5) return run;
    let kind = standaloneKind(digits);
    if (kind === null) {
      if (UNIT_AFTER.test(whole.slice(offset + run.length, offset + run.length + 2))) return run;
      const before = KW_BEFORE.exec(whole.slice(Math.max(0, offset - 16), offset));
      if (before?.[1] !== undefined) kind = promptedKind(before[1], digits);
    }
    if (kind === null) return run;
    count++;
    kinds.add(kind);
    return CONTACT_PLACEHOLDER;
  });
  if (HAN_PHONE_PRECHECK.test(out)) {
    out = out.replace(HAN_PHONE, () => {
      count++;
      kinds.add('phone');
      return CONTACT_PLACEHOLDER;
    });
  }
  return { text: out, count, kinds: [...kinds].sort() };
}
