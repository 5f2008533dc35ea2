/**
 * The sentiment lexicon: hand-written word lists in ./lexicon/*.txt (Apache-2.0, see lexicon/README.md).
 * Takes the directory, gives lookup tables and a content-derived version. Reads files only when called.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AnalysisError } from '../errors.js';
import { wordFilter } from '../token-classes.js';
import type { UnitSet } from '../unit-set.js';

export const LEXICON_VERSION = '2';
export const defaultLexiconDir = fileURLToPath(new URL('./lexicon/', import.meta.url));

/** Everything the rules know about one word, so the scorer needs one lookup per word. 0 = not that kind. */
export interface LexiconEntry {
  word: number;
  degree: number;
  negator: boolean;
  contrast: boolean;
}

export interface Lexicon {
  /** e.g. "1.3f9a0c": release number + content hash of the lists. */
  readonly version: string;
  /** Word → signed weight (positive words > 0, negative < 0). */
  readonly words: ReadonlyMap<string, number>;
  readonly negators: ReadonlySet<string>;
  /** Degree adverb → multiplier; a negative multiplier means "not very" (不太): weakens and flips. */
  readonly degree: ReadonlyMap<string, number>;
  readonly contrast: ReadonlySet<string>;
  /** Weibo emoticon or emoji → signed weight. */
  readonly emoticons: ReadonlyMap<string, number>;
  /** The four word tables above merged by word. */
  readonly entries: ReadonlyMap<string, LexiconEntry>;
  /** wordFilter of the keys of `entries`: a word it rejects has no entry. */
  readonly entryFilter: UnitSet;
}

function readList(dir: string, name: string, hash: ReturnType<typeof createHash>): Array<[string, number]> {
  const file = `${dir}${name}`;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AnalysisError('ANALYSIS_RESOURCE_INVALID', `cannot read lexicon file ${file}`, { file }, { cause: error });
  }
  hash.update(name).update(text);
  const out: Array<[string, number]> = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [word = '', weight] = line.split('\t');
    const value = weight === undefined ? 1 : Number(weight);
    if (!Number.isFinite(value)) throw new AnalysisError('ANALYSIS_RESOURCE_INVALID', `bad weight in ${file}: ${line}`, { file });
    out.push([word, value]);
  }
  return out;
}

export function loadLexicon(dir: string = defaultLexiconDir): Lexicon {
  const hash = createHash('sha1');
  const words = new Map<string, number>();
  for (const [w, v] of readList(dir, 'positive.txt', hash)) words.set(w, Math.abs(v));
  for (const [w, v] of readList(dir, 'negative.txt', hash)) words.set(w, -Math.abs(v));
  const negators = new Set(readList(dir, 'negators.txt', hash).map(([w]) => w));
  const degree = new Map(readList(dir, 'degree.txt', hash));
  const contrast = new Set(readList(dir, 'contrast.txt', hash).map(([w]) => w));
  const emoticons = new Map(readList(dir, 'emoticons.txt', hash));
  const entries = new Map<string, LexiconEntry>();
  const entry = (w: string): LexiconEntry => {
    let e = entries.get(w);
    if (!e) entries.set(w, (e = { word: 0, degree: 0, negator: false, contrast: false }));
    return e;
  };
  for (const [w, v] of words) entry(w).word = v;
  for (const [w, v] of degree) entry(w).degree = v;
  for (const w of negators) entry(w).negator = true;
  for (const w of contrast) entry(w).contrast = true;
  const entryFilter = wordFilter(entries.keys());
  return { version: `${LEXICON_VERSION}.${hash.digest('hex').slice(0, 6)}`, words, negators, degree, contrast, emoticons, entries, entryFilter };
}
