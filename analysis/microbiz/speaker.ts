/**
 * Speaker type: seller advertising, consumer, agent, media or other, from the transparent linear rules of
 * data/speaker.v3.json (phrase cues, some counted only at the end of a post or routed to "quoted" inside quotation
 * marks, + a few counted signals: contacts, prices, emoji, punctuation, pronouns; the weights fitted by
 * `npm run train:speaker`, the phrases, caps and scopes hand-written in speaker.v3.cues.json).
 * Pure; `explainSpeaker` says which cues fired and each class's score.
 */
import type { SpeakerType } from '../analyzed-document.js';
import { SpeakerType as SpeakerTypes } from '../analyzed-document.js';
import { CONTACT_PLACEHOLDER } from './contacts.js';
import { DEFAULT_SPEAKER_FILE, SpeakerRulesFile, SpeakerSignal, readRulesFile } from './rules-data.js';
import { hasUnit, unitSet, unitSetOf } from '../unit-set.js';
import { createTermMatcher, type TermMatcher } from './term-matcher.js';

export interface SpeakerInput {
  /** Normalized text (title and body), contacts already redacted; emoji kept. */
  text: string;
  /** jieba tokens; not used by the v1 rules (all cues are phrases), accepted so rules may add whole-word cues. */
  tokens: readonly string[];
  /** Contact identifiers redaction removed from this document. */
  contactCount: number;
}

export interface SpeakerResult {
  type: SpeakerType;
  /** Softmax share of the winning class, in [0, 1]. */
  confidence: number;
}

export interface SpeakerExplanation extends SpeakerResult {
  scores: Record<SpeakerType, number>;
  /** Cue groups and signals that contributed, e.g. ["contact_prompt×2", "emoji×3"]. */
  fired: string[];
}

const CLASSES = SpeakerTypes.options;
const SIGNALS = SpeakerSignal.options;
export type SpeakerSignalName = keyof SpeakerRulesFile['signals'];
type SignalName = SpeakerSignalName;

export interface SpeakerRules {
  readonly version: string;
  readonly bias: Float64Array;
  /** Cue groups in file order, then "quoted" when the file routes quoted hits there. */
  readonly cueNames: readonly string[];
  readonly cueCaps: readonly number[];
  /** 1 where the group counts only hits in the last `tailChars` characters. */
  readonly cueTail: Uint8Array;
  readonly tailChars: number;
  /** Index of the "quoted" group in cueNames, or -1 (v1, v2: quoted hits count in their own groups). */
  readonly quotedCue: number;
  /** cueWeights[cue * CLASSES.length + class] */
  readonly cueWeights: Float64Array;
  readonly matcher: TermMatcher<number>;
  /** `index`: the signal's place in SpeakerSignal.options (where signalValues writes it). */
  readonly signals: readonly { name: SignalName; index: number; cap: number; weights: Float64Array }[];
}

const classWeights = (w: Partial<Record<SpeakerType, number>>): Float64Array => Float64Array.from(CLASSES, (c) => w[c] ?? 0);

export function compileSpeakerRules(file: SpeakerRulesFile): SpeakerRules {
  const groups = file.quoted ? [...file.cues, { name: 'quoted', cap: file.quoted.cap, weights: file.quoted.weights }] : file.cues;
  const cueWeights = new Float64Array(groups.length * CLASSES.length);
  const entries: { term: string; payload: number }[] = [];
  groups.forEach((cue, i) => cueWeights.set(classWeights(cue.weights), i * CLASSES.length));
  file.cues.forEach((cue, i) => {
    for (const term of cue.terms) entries.push({ term, payload: i });
  });
  const signals = (Object.entries(file.signals) as [SignalName, { cap: number; weights: Partial<Record<SpeakerType, number>> }][]).map(
    ([name, s]) => ({ name, index: SIGNALS.indexOf(name), cap: s.cap, weights: classWeights(s.weights) }),
  );
  return {
    version: file.version,
    bias: classWeights(file.bias),
    cueNames: groups.map((c) => c.name),
    cueCaps: groups.map((c) => c.cap),
    cueTail: Uint8Array.from(groups, (c) => ('scope' in c && c.scope === 'tail' ? 1 : 0)),
    tailChars: file.tailChars ?? 0,
    quotedCue: file.quoted ? file.cues.length : -1,
    cueWeights,
    matcher: createTermMatcher(entries),
    signals,
  };
}

let defaultRules: SpeakerRules | undefined;
/** The shipped rules, compiled on first use. */
export function defaultSpeakerRules(): SpeakerRules {
  defaultRules ??= compileSpeakerRules(readRulesFile(SpeakerRulesFile, DEFAULT_SPEAKER_FILE));
  return defaultRules;
}

// Prices as ads write them: ¥199, 39.9元, 99块, 5折, 满299减50.
const PRICE = /[¥￥]\s?\d|\d(?:\.\d+)?\s?(?:元|块|rmb)|\d\s?折|满\d+减/giu;

// Opening and closing marks; an ASCII " closes the one before it. A quote longer than this is a stray mark, not a
// quoted phrase (slogans are short), so it cannot swallow the rest of a post.
const OPENERS = '“‘「『"';
const CLOSERS = '”’」』"';
const MAX_QUOTE = 40;
// The loop below also notes whether any opening mark occurs, so that findQuotes runs only when one does.
const OPENER_UNITS = unitSetOf(OPENERS);
// Every unit the loop below looks at (the others cannot change any count).
const SIGNAL_UNITS = unitSet([
  0x21, 0xff01, 0x3f, 0xff1f, 0x6211, 0x4f60, 0x60a8, 0xd83c, 0xd83d, 0xd83e, 0x2b50, 0x2728, 0x3010, ...Array.from(OPENERS, (c) => c.charCodeAt(0)),
  ...Array.from({ length: 0x27bf - 0x2600 + 1 }, (_v, k) => 0x2600 + k),
  ...Array.from({ length: 10 }, (_v, k) => 0x30 + k),
]);

// Whether the text signalValues last read holds an opening quotation mark (read by scoreClasses).
let sawOpener = false;

/** Writes the raw value of every signal (uncapped) into `out`, in SpeakerSignal.options order. */
function signalValues(text: string, contactCount: number, out: Float64Array): void {
  let opener = false;
  let exclamations = 0;
  let questions = 0;
  let firstPerson = 0;
  let secondPerson = 0;
  let emoji = 0;
  let placeholders = 0;
  let weFirst = 0;
  let digits = false;
  // One pass over UTF-16 units instead of one regex per signal; most units (ordinary Chinese) fail one bit test.
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (!hasUnit(SIGNAL_UNITS, c)) continue;
    if (c === 0x21 || c === 0xff01) exclamations++;
    else if (c === 0x3f || c === 0xff1f) questions++;
    else if (c === 0x6211 /* 我 */) {
      if (i + 1 < n && text.charCodeAt(i + 1) === 0x4eec /* 们 */) weFirst++;
      else firstPerson++;
    }
    else if (c === 0x4f60 /* 你 */ || c === 0x60a8 /* 您 */) secondPerson++;
    else if ((c >= 0xd83c && c <= 0xd83e) || (c >= 0x2600 && c <= 0x27bf) || c === 0x2b50 || c === 0x2728) emoji++;
    else if (c === 0x3010 /* 【 */ && text.startsWith(CONTACT_PLACEHOLDER, i)) placeholders++;
    else if (c >= 0x30 && c <= 0x39) digits = true;
    else if (hasUnit(OPENER_UNITS, c)) opener = true;
  }
  sawOpener = opener;
  let prices = 0;
  if (digits) {
    // Every PRICE alternative contains an ASCII digit (\d is ASCII-only, even with the u flag).
    PRICE.lastIndex = 0;
    while (PRICE.exec(text) !== null) prices++;
  }
  // Same order as SpeakerSignal.options.
  out[0] = Math.max(contactCount, placeholders);
  out[1] = prices;
  out[2] = emoji;
  out[3] = exclamations;
  out[4] = questions;
  out[5] = firstPerson;
  out[6] = secondPerson;
  out[7] = text.indexOf('#') >= 0 && /#[^#\s]{1,20}#/u.test(text) ? 1 : 0; // hashtags
  out[8] = text.length > 80 ? 1 : 0; // longText
  // impersonal: agents and consumers tell their own story; news, analysis and many ads speak of others.
  out[9] = firstPerson === 0 && weFirst === 0 && !text.includes('本人') ? 1 : 0;
}

/** Raw value of every signal the rules may weigh (uncapped), for scoring and for fitting weights. */
export function countSpeakerSignals(text: string, contactCount: number): Record<SignalName, number> {
  const values = new Float64Array(SIGNALS.length);
  signalValues(text, contactCount, values);
  return Object.fromEntries(SIGNALS.map((name, i) => [name, values[i] as number])) as Record<SignalName, number>;
}

/** Hits of each cue group of the rules in `text` (uncapped), in the order of the rules file. */
export function countSpeakerCues(text: string, rules: SpeakerRules): Uint16Array {
  countCues(text, rules);
  return cueScratch.slice(0, rules.cueNames.length);
}

// Scratch for scoring (classifySpeaker is synchronous: one set per thread), so no document allocates them.
let cueScratch = new Uint16Array(64);
const signalScratch = new Float64Array(SIGNALS.length);
// State of the scan in progress, read by the module-level hit callback (no closure per document).
let scanTail: Uint8Array = new Uint8Array(0);
let scanTailStart = 0;
let scanQuotedCue = -1;
let quoteCount = 0;
const quoteStart = new Int32Array(16);
const quoteEnd = new Int32Array(16);

const bumpCue = (entry: { payload: number }, index: number): void => {
  let cue = entry.payload;
  if (quoteCount > 0 && insideQuote(index)) cue = scanQuotedCue;
  else if (scanTail[cue] === 1 && index < scanTailStart) return;
  cueScratch[cue] = (cueScratch[cue] as number) + 1;
};

function insideQuote(index: number): boolean {
  for (let q = 0; q < quoteCount; q++) if (index > (quoteStart[q] as number) && index < (quoteEnd[q] as number)) return true;
  return false;
}

/** Fills quoteStart/quoteEnd with the quoted spans of `text` (up to 16). */
function findQuotes(text: string): void {
  quoteCount = 0;
  for (let k = 0; k < OPENERS.length; k++) {
    const open = OPENERS[k] as string;
    let from = text.indexOf(open);
    while (from >= 0 && quoteCount < quoteStart.length) {
      const end = text.indexOf(CLOSERS[k] as string, from + 1);
      if (end < 0) break;
      if (end - from <= MAX_QUOTE) {
        quoteStart[quoteCount] = from;
        quoteEnd[quoteCount++] = end;
        from = text.indexOf(open, end + 1);
      } else from = open === '"' ? text.indexOf(open, end) : text.indexOf(open, from + 1);
    }
  }
}

/** `mayQuote: false` says the text holds no opening mark (so it has no quoted span: findQuotes is skipped). */
function countCues(text: string, rules: SpeakerRules, mayQuote = true): void {
  const n = rules.cueNames.length;
  if (cueScratch.length < n) cueScratch = new Uint16Array(n * 2);
  cueScratch.fill(0, 0, n);
  scanTail = rules.cueTail;
  scanTailStart = text.length - rules.tailChars;
  scanQuotedCue = rules.quotedCue;
  if (rules.quotedCue >= 0 && mayQuote) findQuotes(text);
  else quoteCount = 0;
  rules.matcher.scan(text, bumpCue);
}

/**
 * Adds every cue's and signal's weights to `scores` (which starts as a copy of the bias); with `fired`, also lists
 * what contributed. The one scoring routine behind both classifySpeaker (hot path: no strings) and explainSpeaker.
 */
function scoreClasses(input: SpeakerInput, rules: SpeakerRules, scores: Float64Array, fired: string[] | null): void {
  const k = CLASSES.length;
  scores.set(rules.bias);
  // Signals first (their pass also says whether any quotation mark opens); added after the cues, as always.
  const values = signalScratch;
  signalValues(input.text, input.contactCount, values);
  countCues(input.text, rules, sawOpener);
  const cueHits = cueScratch;
  for (let cue = 0; cue < rules.cueNames.length; cue++) {
    const hits = cueHits[cue] as number;
    if (hits === 0) continue;
    const n = Math.min(hits, rules.cueCaps[cue] as number);
    for (let c = 0; c < k; c++) scores[c] = (scores[c] as number) + n * (rules.cueWeights[cue * k + c] as number);
    fired?.push(`${rules.cueNames[cue] as string}×${hits}`);
  }
  for (const s of rules.signals) {
    const raw = values[s.index] as number;
    const v = Math.min(raw, s.cap);
    if (v <= 0) continue;
    for (let c = 0; c < k; c++) scores[c] = (scores[c] as number) + v * (s.weights[c] as number);
    fired?.push(`${s.name}×${raw}`);
  }
}

/** Winning class (first on ties) and its softmax share, rounded to 3 decimals. */
function decide(scores: Float64Array): SpeakerResult {
  const k = CLASSES.length;
  let best = 0;
  for (let c = 1; c < k; c++) if ((scores[c] as number) > (scores[best] as number)) best = c;
  let z = 0;
  for (let c = 0; c < k; c++) z += Math.exp((scores[c] as number) - (scores[best] as number));
  return { type: CLASSES[best] as SpeakerType, confidence: Math.round((1 / z) * 1000) / 1000 };
}

/** Scores of every class and the cues behind them. */
export function explainSpeaker(input: SpeakerInput, rules: SpeakerRules = defaultSpeakerRules()): SpeakerExplanation {
  const scores = new Float64Array(CLASSES.length);
  const fired: string[] = [];
  scoreClasses(input, rules, scores, fired);
  const byClass = Object.fromEntries(CLASSES.map((c, i) => [c, Math.round((scores[i] as number) * 1000) / 1000])) as Record<SpeakerType, number>;
  return { ...decide(scores), scores: byClass, fired };
}

// Reused by classifySpeaker (synchronous, so one buffer per thread is enough).
const classScratch = new Float64Array(CLASSES.length);

/**
 * Every class's rule score (SpeakerType.options order) into `scores` and the raw signal values (SpeakerSignal.options
 * order, uncapped) into `signals`: the rules' view, which the learned model (model/) reads as features. No allocation.
 */
export function speakerRuleScores(input: SpeakerInput, rules: SpeakerRules, scores: Float64Array, signals: Float64Array): void {
  scoreClasses(input, rules, scores, null);
  signals.set(signalScratch);
}

/** Who is speaking, with a confidence. */
export function classifySpeaker(input: SpeakerInput, rules: SpeakerRules = defaultSpeakerRules()): SpeakerResult {
  scoreClasses(input, rules, classScratch, null);
  return decide(classScratch);
}
