/**
 * Character-class tests on jieba words, used per word on the hot path (content tokens, clause boundaries, feature
 * scopes). Table lookups instead of Unicode-property regexes: Chinese words answer on their first character.
 */

const CLAUSE_END_CHARS = '，。！？；,.!?;…~～\n\r\t \u3000';
const clauseEnd = new Uint8Array(65536);
for (const c of CLAUSE_END_CHARS) clauseEnd[c.charCodeAt(0)] = 1;

/** True when the UTF-16 unit ends a clause. */
export function isClauseEndChar(code: number): boolean {
  return clauseEnd[code] === 1;
}

const NEGATOR_CHARS = '不没無无别非未莫勿';
const negatorChar = new Uint8Array(65536);
for (const c of NEGATOR_CHARS) negatorChar[c.charCodeAt(0)] = 1;

/** True for characters that negate what follows them (不, 没, 无, 别, 非, 未…). */
export function isNegatorChar(code: number): boolean {
  return negatorChar[code] === 1;
}

/** True when every character of the word ends a clause (punctuation like ，。！？ or whitespace). */
export function isClauseEnd(word: string): boolean {
  if (word.length === 0) return false;
  for (let i = 0; i < word.length; i++) if (clauseEnd[word.charCodeAt(i)] !== 1) return false;
  return true;
}

const PUNCT_OR_SPACE = /^[\s\p{P}\p{S}]+$/u;
const punctCache = new Map<string, boolean>();
const PUNCT_CACHE_LIMIT = 50_000;
// One-unit words (most punctuation jieba gives): 0 = not asked yet, 1 = no, 2 = yes. Saves hashing the string.
const punctUnit = new Uint8Array(0x10000);

/** True when the word is only punctuation, symbols or whitespace. */
export function isPunctOrSpace(word: string): boolean {
  const c = word.charCodeAt(0);
  // CJK ideographs, ASCII letters and digits: a word, without a regex.
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a)) return false;
  if (word.length === 1) {
    let k = punctUnit[c]!;
    if (k === 0) punctUnit[c] = k = PUNCT_OR_SPACE.test(word) ? 2 : 1;
    return k === 2;
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
 * First UTF-16 unit of each word, as a 64K table: a cheap test before a Set/Map lookup, since most jieba words
 * (never in a stop-word list, lexicon or negator list) are rejected by one array read instead of a string hash.
 */
export function firstUnitTable(words: Iterable<string>): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (const w of words) if (w.length > 0) table[w.charCodeAt(0)] = 1;
  return table;
}

/** False only when `word` cannot be one of the words `table` was built from (the empty word always may). */
export function mayContain(table: Uint8Array, word: string): boolean {
  return word.length === 0 || table[word.charCodeAt(0)] === 1;
}
