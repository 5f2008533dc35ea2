/**
 * Aspect detection: the vocabulary of data/aspects.v2.json (the default, see rules-data.ts) matched in the text (and
 * whole-token words in the tokens), each aspect scored with its own sentiment, computed by the caller's function on the sentences that mention it.
 * Pure; knows nothing of the sentiment model's internals. A document can carry several aspects.
 */
import type { AspectMention, AspectName, Sentiment } from '../analyzed-document.js';
import { AspectName as AspectNames } from '../analyzed-document.js';
import { DEFAULT_ASPECTS_FILE, AspectRulesFile, readRulesFile } from './rules-data.js';
import { wordFilter, mayContain } from '../token-classes.js';
import type { UnitSet } from '../unit-set.js';
import { createTermMatcher, type TermEntry, type TermMatcher } from './term-matcher.js';

/** Sentiment of a span of text: a score in [-1, 1], or a full Sentiment (then its label and confidence are kept). */
export type SentimentOf = (span: string) => number | Sentiment;
/** Sentiment of a set of sentences, by index (lets callers score word windows they already hold). */
export type SentencesSentimentOf = (sentenceIndexes: readonly number[]) => number | Sentiment;

/**
 * Decides which aspects a text carries from the rules' evidence per aspect (indexed as `rules.names`), in the order
 * to report them, each with its confidence; the learned model's hook. Without one, evidence ≥ threshold decides.
 */
export type AspectSelector = (evidence: Float64Array) => readonly { aspect: number; confidence: number }[];

interface Hit {
  aspect: number;
  term: number;
  weight: number;
  /** true for an exclusion string of that aspect. */
  exclude: boolean;
}

export interface AspectRules {
  readonly version: string;
  readonly threshold: number;
  readonly names: readonly AspectName[];
  readonly terms: readonly string[];
  readonly matcher: TermMatcher<Hit>;
  /** Whole-token words → hits (one word may serve several aspects). */
  readonly words: ReadonlyMap<string, readonly Hit[]>;
  /** wordFilter of the keys of `words`. */
  readonly wordsFilter: UnitSet;
}

/** Compiles a rules file (already parsed) into matchers. */
export function compileAspectRules(file: AspectRulesFile): AspectRules {
  const names = AspectNames.options.filter((n) => file.aspects[n] !== undefined);
  const terms: string[] = [];
  const entries: { term: string; payload: Hit }[] = [];
  const words = new Map<string, Hit[]>();
  names.forEach((name, aspect) => {
    const rules = file.aspects[name];
    if (!rules) return;
    for (const text of rules.exclude) entries.push({ term: text, payload: { aspect, term: -1, weight: 0, exclude: true } });
    for (const [text, weight] of Object.entries(rules.terms)) {
      entries.push({ term: text, payload: { aspect, term: terms.length, weight, exclude: false } });
      terms.push(text);
    }
    for (const [text, weight] of Object.entries(rules.words)) {
      const list = words.get(text) ?? [];
      list.push({ aspect, term: terms.length, weight, exclude: false });
      words.set(text, list);
      terms.push(text);
    }
  });
  // Exclusions must be seen before the terms they cover: at one position the matcher gives longer strings first,
  // and an exclusion covering a term that starts later ("幸亏" over "亏") starts earlier.
  const wordsFilter = wordFilter(words.keys());
  return { version: file.version, threshold: file.threshold, names, terms, matcher: createTermMatcher(entries), words, wordsFilter };
}

let defaultRules: AspectRules | undefined;
/** The shipped vocabulary, compiled on first use. */
export function defaultAspectRules(): AspectRules {
  defaultRules ??= compileAspectRules(readRulesFile(AspectRulesFile, DEFAULT_ASPECTS_FILE));
  return defaultRules;
}

const SENTENCE_END = /[。！？!?；;\n…]+/g;

/** [start, end) offsets of the sentences of `text`. */
export function sentenceBounds(text: string): number[] {
  const bounds: number[] = [0];
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m !== null; m = SENTENCE_END.exec(text)) bounds.push(m.index + m[0].length);
  if (bounds[bounds.length - 1] !== text.length) bounds.push(text.length);
  return bounds;
}

function sentenceOf(bounds: readonly number[], offset: number): number {
  let lo = 0;
  let hi = bounds.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((bounds[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const NEUTRAL_BAND = 0.2;
function asSentiment(value: number | Sentiment): Sentiment {
  if (typeof value !== 'number') return value;
  const score = Number.isFinite(value) ? Math.max(-1, Math.min(1, value)) : 0;
  const label = score > NEUTRAL_BAND ? 'pos' : score < -NEUTRAL_BAND ? 'neg' : 'neu';
  return { score, label, confidence: label === 'neu' ? 1 - Math.abs(score) / (2 * NEUTRAL_BAND) : (1 + Math.abs(score)) / 2 };
}

function sameIndexes(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

interface CountedHit {
  aspect: number;
  term: number;
  offset: number;
}

// How often each term (by index) was counted in the text being scanned: zero between calls, as only the terms of
// the call's hits are set (and reset when counting ends). A table instead of a Map per document.
let termCounts = new Uint8Array(0);

/**
 * Adds one hit's weight to its aspect's evidence. A module function rather than a closure per call: tsx (which runs
 * Pulse) names every named closure with Object.defineProperty, a cost paid per document.
 */
function countHit(hit: Hit, offset: number, evidence: Float64Array, hits: CountedHit[]): void {
  const seen = termCounts[hit.term] as number;
  if (seen >= 2) return; // a repeated word is one piece of evidence, not ten
  termCounts[hit.term] = seen + 1;
  evidence[hit.aspect] = (evidence[hit.aspect] as number) + hit.weight;
  hits.push({ aspect: hit.aspect, term: hit.term, offset });
}

// State of the scan in progress (detectAspectsInSentences is synchronous), read by countTermHit: no closure and no
// typed arrays allocated per document.
let scanEvidence = new Float64Array(0);
let scanExcludedUntil = new Int32Array(0);
let scanHits: CountedHit[] = [];

function countTermHit(entry: TermEntry<Hit>, offset: number): void {
  const hit = entry.payload;
  if (hit.exclude) {
    scanExcludedUntil[hit.aspect] = Math.max(scanExcludedUntil[hit.aspect] as number, offset + entry.term.length);
    return;
  }
  if (offset < (scanExcludedUntil[hit.aspect] as number)) return;
  countHit(hit, offset, scanEvidence, scanHits);
}

/**
 * Aspects of one text, strongest evidence first; `bounds` are sentence offsets as sentenceBounds() gives them.
 * `score`/`label` are the aspect's own sentiment (from the sentences mentioning its terms); `confidence` is how
 * sure the aspect is present: 1 − e^(−evidence).
 */
export function detectAspectsInSentences(
  tokens: readonly string[],
  text: string,
  bounds: readonly number[],
  sentimentOfSentences: SentencesSentimentOf,
  rules: AspectRules = defaultAspectRules(),
  select?: AspectSelector,
): AspectMention[] {
  const n = rules.names.length;
  if (scanEvidence.length < n) {
    scanEvidence = new Float64Array(n);
    scanExcludedUntil = new Int32Array(n);
  }
  const evidence = scanEvidence.fill(0, 0, n);
  scanExcludedUntil.fill(0, 0, n);
  if (termCounts.length < rules.terms.length) termCounts = new Uint8Array(rules.terms.length);
  const hits: CountedHit[] = [];
  scanHits = hits;
  rules.matcher.scan(text, countTermHit);
  if (rules.words.size > 0) {
    for (const token of tokens) {
      const list = mayContain(rules.wordsFilter, token) ? rules.words.get(token) : undefined;
      if (list) for (const hit of list) countHit(hit, text.indexOf(token), evidence, hits);
    }
  }
  for (const h of hits) termCounts[h.term] = 0;

  let found: number[] = [];
  let confidences: readonly number[] | null = null;
  if (select) {
    const chosen = select(evidence.subarray(0, n));
    found = chosen.map((c) => c.aspect);
    confidences = chosen.map((c) => c.confidence);
  } else {
    for (let a = 0; a < n; a++) if ((evidence[a] as number) >= rules.threshold) found.push(a);
    found.sort((a, b) => (evidence[b] as number) - (evidence[a] as number));
  }
  if (found.length === 0) return [];

  // Aspects that mention the same sentences get the same sentiment: score each set of sentences once per document.
  const scored: { indexes: readonly number[]; sentiment: Sentiment }[] = [];
  return found.map((a, at) => {
    const sentences = new Set<number>();
    const terms: string[] = [];
    for (const h of hits) {
      if (h.aspect !== a) continue;
      if (h.offset >= 0) sentences.add(sentenceOf(bounds, h.offset));
      const term = rules.terms[h.term] as string;
      if (!terms.includes(term)) terms.push(term);
    }
    const indexes = sentences.size > 0 ? [...sentences].sort((x, y) => x - y) : [...Array(bounds.length - 1).keys()];
    let s = scored.find((prior) => sameIndexes(prior.indexes, indexes))?.sentiment;
    if (s === undefined) {
      s = asSentiment(sentimentOfSentences(indexes));
      scored.push({ indexes, sentiment: s });
    }
    return {
      name: rules.names[a] as AspectName,
      score: round(s.score),
      label: s.label,
      confidence: round(confidences ? (confidences[at] as number) : 1 - Math.exp(-(evidence[a] as number))),
      terms: terms.slice(0, 8),
    };
  });
}

/** Aspects of a text; `sentimentOf` is called once per aspect, on the sentences that mention it joined together. */
export function detectAspects(
  tokens: readonly string[],
  text: string,
  sentimentOf: SentimentOf,
  rules: AspectRules = defaultAspectRules(),
): AspectMention[] {
  const bounds = sentenceBounds(text);
  return detectAspectsInSentences(
    tokens,
    text,
    bounds,
    (indexes) => {
      let span = '';
      for (const i of indexes) span += text.slice(bounds[i], bounds[i + 1]);
      return sentimentOf(span);
    },
    rules,
  );
}
