/**
 * Explainable lexicon-and-rules sentiment: takes jieba words (all of them, stop words included) and the emoticons
 * normalization pulled out, gives a raw score and the evidence — which words (with their negators and degree
 * adverbs) moved it and by how much. Rules: negation within the clause, degree adverbs, contrast (但是/不过: what
 * follows weighs more), emoticons/emoji. Pure and allocation-light: it runs on every document.
 */
import { isClauseEnd, mayContain } from '../token-classes.js';
import type { Lexicon } from './lexicon.js';

export interface Evidence {
  /** The sentiment word with the modifiers that applied, e.g. "不+太+好" or "[泪]". */
  term: string;
  /** Its signed contribution to the raw score. */
  weight: number;
}

/** What the rules made of one sentiment word, as a code the model can read as a feature. */
export const LexiconHit = { pos: 0, neg: 1, negatedPos: 2, negatedNeg: 3, posAfterContrast: 4, negAfterContrast: 5 } as const;

export interface LexiconResult {
  /** One LexiconHit code per sentiment word (emoticons excluded). */
  hits: number[];
  /** Sum of contributions (unbounded). */
  raw: number;
  /** The part of `raw` that came from emoticons and emoji. */
  emoticonRaw: number;
  /** raw squashed into [-1, 1]. */
  score: number;
  evidence: Evidence[];
}

const LOOKBACK = 3;
/** A negated word is weaker than its opposite ("不好" is less negative than "差"). */
const NEGATION_FACTOR = -0.8;
/** A negator right before a degree adverb means "not very" (不+太+快): weak and flipped, whatever the degree. */
const NOT_VERY_FACTOR = -0.5;
/** With a contrast, what came before counts this much, what follows counts AFTER_CONTRAST. */
const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.5;
const EMOTICON_REPEAT_CAP = 3;
const SCALE = 2.5;

/**
 * Scores the words; with `explain` it also lists the evidence (allocates a string per sentiment word, so the
 * analyze stage, which stores no evidence, leaves it off). The evidence weights sum to `raw`.
 */
export function scoreLexicon(words: readonly string[], emoticons: readonly string[], lex: Lexicon, explain = true): LexiconResult {
  const evidence: Evidence[] = [];
  const hits: number[] = [];
  let clauseStart = 0;
  let before = 0; // weighted sum of everything before the last contrast marker
  let current = 0; // sum since the last contrast marker
  let segmentStart = 0; // evidence index where the text after the last contrast marker begins
  let contrasted = false;

  const filter = lex.entryFilter;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const e = mayContain(filter, w) ? lex.entries.get(w) : undefined;
    if (e === undefined) {
      if (isClauseEnd(w)) clauseStart = i + 1;
      continue;
    }
    if (e.contrast) {
      hits.push(-1); // marker: hits after it are re-coded below
      before = (before + current) * BEFORE_CONTRAST;
      current = 0;
      if (explain) for (const ev of evidence) ev.weight *= BEFORE_CONTRAST;
      segmentStart = evidence.length;
      contrasted = true;
      continue;
    }
    const base = e.word;
    if (base === 0) continue;
    // "好漂亮": 好 acts as a degree adverb for the next sentiment word, not as a word of its own.
    const next = words[i + 1];
    if (e.degree !== 0 && next !== undefined && mayContain(filter, next) && (lex.entries.get(next)?.word ?? 0) !== 0) continue;

    let value = base;
    let term = explain ? w : '';
    let degreeRight = 0; // the degree adverb just right of the current position, if any
    let negated = false;
    for (let j = i - 1; j >= clauseStart && j >= i - LOOKBACK; j--) {
      const m = words[j]!;
      const me = mayContain(filter, m) ? lex.entries.get(m) : undefined;
      if (me === undefined) {
        degreeRight = 0;
        continue;
      }
      const degree = me.degree;
      if (degree !== 0) {
        value *= degree < 0 ? NEGATION_FACTOR * -degree : degree;
        if (degree < 0) negated = !negated;
        degreeRight = degree;
        if (explain) term = `${m}+${term}`;
        continue;
      }
      if (me.negator) {
        value *= degreeRight > 0 ? NOT_VERY_FACTOR / degreeRight : NEGATION_FACTOR;
        negated = !negated;
        if (explain) term = `${m}+${term}`;
      } else if (me.word !== 0) {
        break; // another sentiment word owns the modifiers further left
      }
      degreeRight = 0;
    }
    current += value;
    hits.push(negated ? (base > 0 ? LexiconHit.negatedPos : LexiconHit.negatedNeg) : base > 0 ? LexiconHit.pos : LexiconHit.neg);
    if (explain) evidence.push({ term, weight: value });
  }

  let raw = contrasted ? before + current * AFTER_CONTRAST : current;
  if (contrasted) recodeAfterContrast(hits);
  if (explain && contrasted) for (let k = segmentStart; k < evidence.length; k++) evidence[k]!.weight *= AFTER_CONTRAST;

  let emoticonRaw = 0;
  if (emoticons.length > 0) {
    const seen = new Map<string, number>();
    for (const e of emoticons) {
      const weight = lex.emoticons.get(e);
      if (weight === undefined) continue;
      const n = (seen.get(e) ?? 0) + 1;
      seen.set(e, n);
      if (n > EMOTICON_REPEAT_CAP) continue;
      emoticonRaw += weight;
      if (explain) evidence.push({ term: e, weight });
    }
  }
  raw += emoticonRaw;
  return { hits, raw, emoticonRaw, score: Math.tanh(raw / SCALE), evidence };
}

/** Hits after the last contrast marker say which way the deciding clause leans; the markers are removed. */
function recodeAfterContrast(hits: number[]): void {
  const last = hits.lastIndexOf(-1);
  let out = 0;
  for (let k = 0; k < hits.length; k++) {
    const h = hits[k]!;
    if (h === -1) continue;
    const positive = h === LexiconHit.pos || h === LexiconHit.negatedNeg;
    hits[out++] = k > last ? (positive ? LexiconHit.posAfterContrast : LexiconHit.negAfterContrast) : h;
  }
  hits.length = out;
}
