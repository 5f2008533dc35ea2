/**
 * Weibo emoticons (`[哈哈]`) and emoji (with their variation selectors and ZWJ sequences): takes normalized text,
 * collects them in order and gives the text with each one blanked to a space. Same matches as the regex
 * EMOTICON_OR_EMOJI below (kept as the specification and for the tests), found by a table-driven scan.
 */
import { addUnit, hasUnit, unitSet, type UnitSet } from './unit-set.js';

/** The specification: what extractEmoticons finds, exactly (global scan, 'u' flag). */
export const EMOTICON_OR_EMOJI = /\[[\u3400-\u9fffA-Za-z]{1,8}\]|\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic})*/gu;

const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
// Extended_Pictographic code points of the BMP and of plane 1 (offset by 0x10000), built on first use; the few
// astral planes beyond hold none today, they are asked of the regex.
let bmp: UnitSet | undefined;
let plane1: UnitSet | undefined;
// Units where a match can begin: '[', BMP pictographs and high surrogates. The scan skips everything else in a
// tight loop (most of a text).
let starts: UnitSet | undefined;

function pictographicTables(): void {
  bmp = unitSet([]);
  plane1 = unitSet([]);
  for (let c = 0; c < 0x10000; c++) {
    if ((c < 0xd800 || c > 0xdfff) && PICTOGRAPHIC.test(String.fromCharCode(c))) addUnit(bmp, c);
    if (PICTOGRAPHIC.test(String.fromCodePoint(c + 0x10000))) addUnit(plane1, c);
  }
  starts = bmp.slice();
  addUnit(starts, 0x5b);
  for (let c = 0xd800; c <= 0xdbff; c++) addUnit(starts, c);
}

/** Length in units of the pictographic code point at `i` (1 or 2), or 0 when there is none (lone surrogates: 0). */
function pictographicAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) return hasUnit(bmp!, c) ? 1 : 0;
  if (c > 0xdbff) return 0;
  const d = text.charCodeAt(i + 1); // NaN past the end: not a trail surrogate
  if (!(d >= 0xdc00 && d <= 0xdfff)) return 0;
  const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  if (cp < 0x20000) return hasUnit(plane1!, cp - 0x10000) ? 2 : 0;
  return PICTOGRAPHIC.test(String.fromCodePoint(cp)) ? 2 : 0;
}

/** Length of the `[…]` emoticon at `i` (a '['), or 0: one to eight CJK/ASCII letters, then ']'. */
function bracketAt(text: string, i: number): number {
  let j = i + 1;
  // A ninth letter means no match here: the regex cannot end the bracket early without a ']' there.
  while (j - i <= 9) {
    const c = text.charCodeAt(j);
    if (!((c >= 0x3400 && c <= 0x9fff) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) break;
    j++;
  }
  const letters = j - i - 1;
  return letters >= 1 && letters <= 8 && text.charCodeAt(j) === 0x5d ? letters + 2 : 0;
}

/**
 * Pushes every emoticon/emoji of `text` onto `found` and returns `text` with each replaced by ' ' (`text` itself
 * when there is none). Like the regex's global scan it moves by code points and resumes after each match, and an
 * emoji takes every following U+FE0F and ZWJ + pictograph (greedy, nothing after it to backtrack for).
 */
export function extractEmoticons(text: string, found: string[]): string {
  if (starts === undefined) pictographicTables();
  let out = '';
  let from = 0;
  const n = text.length;
  for (let i = 0; i < n; ) {
    while (i < n && !hasUnit(starts!, text.charCodeAt(i))) i++;
    if (i === n) break;
    const c = text.charCodeAt(i);
    let len = c === 0x5b ? bracketAt(text, i) : pictographicAt(text, i);
    if (len > 0 && c !== 0x5b) {
      for (;;) {
        if (text.charCodeAt(i + len) === 0xfe0f) len++;
        else if (text.charCodeAt(i + len) === 0x200d && pictographicAt(text, i + len + 1) > 0) len += 1 + pictographicAt(text, i + len + 1);
        else break;
      }
    }
    if (len === 0) {
      // Step over a whole surrogate pair, as the 'u' scan does (a lone surrogate is one step).
      i += c >= 0xd800 && c <= 0xdbff && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff ? 2 : 1;
      continue;
    }
    found.push(text.slice(i, i + len));
    out += `${text.slice(from, i)} `;
    i += len;
    from = i;
  }
  return from === 0 ? text : out + text.slice(from);
}
