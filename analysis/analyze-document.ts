/**
 * The analyze stage as a short composition: normalize → segment → sentiment → keywords → micro-business fields.
 * Takes a RawDocument and the prepared steps, gives an AnalyzedDocument. Bad text never throws here: it comes out
 * as a defined result with flags (empty, no_chinese, truncated, binary_junk, lone_surrogates).
 */
import type { RawDocument } from '../crawlers/raw-document.js';
import type { AnalyzedDocument, Sentiment } from './analyzed-document.js';
import type { MicrobizStep } from './microbiz-step.js';
import type { NormalizedText } from './normalize.js';
import type { SentimentResult } from './sentiment/score-sentiment.js';

export interface TextAnalysis {
  normalized: NormalizedText;
  /** All jieba words of the plain text (punctuation and stop words included). */
  words: string[];
  /** Content words: no stop words, no punctuation. */
  tokens: string[];
  sentiment: SentimentResult;
  keywords: string[];
}

export interface AnalyzeSteps {
  readonly version: string;
  normalize(text: string): NormalizedText;
  cut(text: string): string[];
  contentTokens(words: readonly string[]): string[];
  /** `explain: false` when the evidence is not needed (the stored document has none). */
  sentiment(input: { words: readonly string[]; plain: string; emoticons: readonly string[] }, explain: boolean): SentimentResult;
  keywords(tokens: readonly string[]): string[];
  microbiz: MicrobizStep;
}

/** Ends the title as a clause, so negation and contrast never reach from the title into the body. */
const TITLE_BODY_JOINT = '。';

export function analyzeText(text: string, steps: AnalyzeSteps): TextAnalysis {
  const normalized = steps.normalize(text);
  const words = steps.cut(normalized.plain);
  const tokens = steps.contentTokens(words);
  const sentiment = steps.sentiment({ words, plain: normalized.plain, emoticons: normalized.emoticons }, true);
  return { normalized, words, tokens, sentiment, keywords: steps.keywords(tokens) };
}

/** Lists of both parts in order; the body's own list when the title has none (most documents have no title). */
const both = (title: string[], body: string[]): string[] => (title.length === 0 ? body : title.concat(body));

function mergeFlags(title: NormalizedText, body: NormalizedText): string[] {
  // An untitled document: the title is only 'empty', and the body's flags already say what the merge would.
  if (title.text.length === 0 && title.flags.length === 1 && body.text.length > 0) return body.flags;
  const flags: string[] = [];
  for (const list of [title.flags, body.flags]) {
    for (const f of list) if (f !== 'empty' && f !== 'no_chinese' && !flags.includes(f)) flags.push(f);
  }
  const bothEmpty = title.text.length === 0 && body.text.length === 0;
  if (bothEmpty) flags.push('empty'); // filtered out above, so never twice
  else if (title.flags.includes('no_chinese') || title.text.length === 0) {
    if (body.flags.includes('no_chinese') || body.text.length === 0) flags.push('no_chinese');
  }
  return flags;
}

function joinWords(titleWords: string[], bodyWords: string[]): string[] {
  if (titleWords.length === 0) return bodyWords;
  titleWords.push(TITLE_BODY_JOINT);
  for (const w of bodyWords) titleWords.push(w);
  return titleWords;
}

const publicSentiment = (s: SentimentResult): Sentiment => ({ score: s.score, label: s.label, confidence: s.confidence });

// Callers pass one `now` for a batch (the CLI, the bench) or a fresh Date per job: formatting costs more than a
// comparison, so the last formatted instant is remembered.
let lastInstant = Number.NaN;
let lastIso = '';
function isoOf(now: Date): string {
  const t = now.getTime();
  if (t !== lastInstant) {
    lastIso = now.toISOString(); // throws on an invalid Date, as before
    lastInstant = t;
  }
  return lastIso;
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when `words` joined give `text` (jieba's words are consecutive slices of what it cut, so lengths decide). */
function concatenates(words: readonly string[], text: string): boolean {
  let n = 0;
  for (const w of words) n += w.length;
  return n === text.length;
}

export function analyzeDocument(doc: RawDocument, steps: AnalyzeSteps, now: Date): AnalyzedDocument {
  const title = steps.normalize(typeof doc.title === 'string' ? doc.title : '');
  const body = steps.normalize(typeof doc.body === 'string' ? doc.body : '');
  const words = joinWords(steps.cut(title.plain), steps.cut(body.plain));
  const tokens = steps.contentTokens(words);
  const emoticons = title.emoticons.length === 0 ? body.emoticons : title.emoticons.concat(body.emoticons);
  const plain = title.plain.length === 0 ? body.plain : `${title.plain}${TITLE_BODY_JOINT}${body.plain}`;
  const sentiment = steps.sentiment({ words, plain, emoticons }, false);
  const documentSentiment = publicSentiment(sentiment);
  const microbiz = steps.microbiz({
    docId: doc.docId,
    title: title.text,
    text: body.text,
    words,
    plain,
    tokens,
    emoticons,
    sentiment: documentSentiment,
    // A method, not a named arrow: tsx (which runs Pulse) would name a per-document closure with defineProperty.
    sentimentOf(window: readonly string[], windowPlain?: string): Sentiment {
      // A window of the whole text (a one-sentence post) is the input just scored, unless emoticons took part.
      if (emoticons.length === 0 && sameWords(window, words) && concatenates(words, plain)) return documentSentiment;
      return publicSentiment(steps.sentiment({ words: window, plain: windowPlain ?? window.join(''), emoticons: [] }, false));
    },
  });
  // Fields listed one by one: the clear body never travels further, and no rest-spread on the hot path.
  return {
    docId: doc.docId,
    sourceId: doc.sourceId,
    url: doc.url,
    publishedAt: doc.publishedAt,
    author: doc.author,
    fetchedAt: doc.fetchedAt,
    contentHash: doc.contentHash,
    topics: doc.topics,
    sourceType: doc.sourceType,
    title: title.text,
    text: body.text,
    tokens,
    sentiment: documentSentiment,
    keywords: steps.keywords(tokens),
    aspects: microbiz.aspects,
    speaker: microbiz.speaker,
    clusterId: microbiz.clusterId,
    redactions: { contacts: title.contacts + body.contacts },
    flags: mergeFlags(title, body),
    mentions: both(title.mentions, body.mentions),
    links: both(title.links, body.links),
    emoticons,
    analysisVersion: microbiz.version ? `${steps.version}|${microbiz.version}` : steps.version,
    analyzedAt: isoOf(now),
  };
}
