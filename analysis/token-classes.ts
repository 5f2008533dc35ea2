/**
 * Character-class tests on jieba words, used per word on the hot path (content tokens, clause boundaries, feature
 * scopes). Bit-table lookups instead of Unicode-property regexes: Chinese words answer on their first character.
 */
import { addUnit, hasUnit, unitSet, unitSetOf, type UnitSet } from './unit-set.js';

const clauseEnd = unitSetOf('，。！？；,.!?;…~～\n\r\t \u3000');

/** True when the UTF-16 unit ends a clause. */
export function isClauseEndChar(code: number): boolean {
  return code === code && hasUnit(clauseEnd, code); // NaN (past the end of a string) is no unit
}

const negatorChar = unitSetOf('不没無无别非未莫勿');

/** True for characters that negate what follows them (不, 没, 无, 别, 非, 未…). */
export function isNegatorChar(code: number): boolean {
  return code === code && hasUnit(negatorChar, code);
}

/** True when every character of the word ends a clause (punctuation like ，。！？ or whitespace). */
export function isClauseEnd(word: string): boolean {
  if (word.length === 0) return false;
  for (let i = 0; i < word.length; i++) if (!hasUnit(clauseEnd, word.charCodeAt(i))) return false;
  return true;
}

const PUNCT_OR_SPACE = /^[\s\p{P}\p{S}]+$/u;
const punctCache = new Map<string, boolean>();
const PUNCT_CACHE_LIMIT = 50_000;
// One-unit words (most punctuation jieba gives), answered once per unit and remembered: saves hashing the string.
const punctAsked: UnitSet = unitSet([]);
const punctYes: UnitSet = unitSet([]);

/** True when the word is only punctuation, symbols or whitespace. */
export function isPunctOrSpace(word: string): boolean {
  const c = word.charCodeAt(0);
  // CJK ideographs, ASCII letters and digits: a word, without a regex.
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a)) return false;
  if (word.length === 1) {
    if (!hasUnit(punctAsked, c)) {
      addUnit(punctAsked, c);
      if (PUNCT_OR_SPACE.test(word)) addUnit(punctYes, c);
    }
    return hasUnit(punctYes, c);
  }
  let known = punctCache.get(word);
  if (known === undefined) {
    known = PUNCT_OR_SPACE.test(word);
    if (punctCache.size >= PUNCT_CACHE_LIMIT) punctCache.clear(); // bounded memory on endless streams
    punctCache.set(word, known);
  }
  return known;
}

/** True when the word is a number (digits with . , % or spaces): never a keyword. */
export function isNumberLike(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2c || c === 0x25 || c === 0x20)) return false;
  }
  return word.length > 0;
}

/**
 * A one-sided filter over a word list, as a UnitSet indexed by a 16-bit mix of each word's first unit, last unit and
 * length: a cheap test before a Set/Map lookup. Most jieba words (never in a stop-word list, lexicon or negator
 * list) are rejected by one bit test instead of a string hash; first units alone let a third of them through
 * (我…, 不…, 好… begin many list words), the three together about one in a hundred non-members.
 */
export function wordFilter(words: Iterable<string>): UnitSet {
  const set = unitSet([]);
  for (const w of words) if (w.length > 0) addUnit(set, filterSlot(w));
  return set;
}

function filterSlot(word: string): number {
  const mixed = Math.imul(word.charCodeAt(0), 0x9e3779b1) ^ Math.imul(word.charCodeAt(word.length - 1), 0x85ebca6b) ^ Math.imul(word.length, 0xc2b2ae35);
  return (mixed ^ (mixed >>> 16)) & 0xffff;
}

/** False only when `word` cannot be one of the words `filter` was built from (the empty word always may). */
export function mayContain(filter: UnitSet, word: string): boolean {
  return word.length === 0 || hasUnit(filter, filterSlot(word));
}
