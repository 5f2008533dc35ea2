/**
 * Segmenter: nodejieba with the shipped micro-business user dictionary, plus the stop-word list.
 * Takes normalized text, gives jieba words. nodejieba keeps one dictionary per process, so the first
 * createSegmenter loads it and later calls must ask for the same files (else SEGMENTER_DICT_CONFLICT).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nodejieba from 'nodejieba';
import { AnalysisError } from './errors.js';
import { wordFilter, isPunctOrSpace, mayContain } from './token-classes.js';
import { hasUnit, unitSet } from './unit-set.js';

export const SEGMENTER_DICT_VERSION = '1';

export const defaultUserDictPath = fileURLToPath(new URL('./dictionaries/microbiz.dict.utf8', import.meta.url));
export const defaultStopWordsPath = fileURLToPath(new URL('./dictionaries/stopwords.txt', import.meta.url));
/**
 * nodejieba.load also builds cppjieba's keyword extractor from an IDF file: jieba's own is 260k words, ~20 MB of RSS
 * in a std::unordered_map. Pulse never calls nodejieba.extract (keywords.ts reads that IDF file itself, into a 4 MB
 * table), so the extractor gets this one-word file instead. Segmentation does not read it.
 */
export const unusedExtractorIdfPath = fileURLToPath(new URL('./dictionaries/unused-extractor-idf.utf8', import.meta.url));

export interface SegmenterOptions {
  /** User dictionaries (jieba format `word freq tag`); default: the shipped micro-business dictionary. Pass [] for none. */
  userDicts?: readonly string[];
  stopWordsPath?: string;
  /** Let jieba's HMM guess unknown words (slower, rarely better on our text; see eval:seg). */
  hmm?: boolean;
}

export interface Segmenter {
  /** e.g. "jieba-3.5.8+dict:1.ab12cd" — changes when the dictionary content changes. */
  readonly version: string;
  readonly userDictTerms: readonly string[];
  cut(text: string): string[];
  isStopWord(word: string): boolean;
  /** Words that carry content: no stop words, no whitespace or punctuation-only tokens. */
  contentTokens(words: readonly string[]): string[];
}

/** What is loaded into this process's nodejieba, if anything. */
let loadedKey: string | undefined;

function readResource(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new AnalysisError('ANALYSIS_RESOURCE_INVALID', `cannot read analysis resource ${path}`, { file: path }, { cause: error });
  }
}

export function loadStopWords(path: string): Set<string> {
  const words = new Set<string>();
  for (const line of readResource(path).split('\n')) {
    const w = line.trim();
    if (w && !w.startsWith('#')) words.add(w);
  }
  words.add(' ');
  return words;
}

const isAsciiAlnum = (c: number): boolean => (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * Without its HMM, jieba splits Latin words and numbers into single characters (iPhone → i P h o n e, 12315 → 1 2 3 1
 * 5). Runs of ASCII letters/digits are joined back into one word, and a '.' between digits stays inside (3.5).
 * Chinese text is untouched, so the SIGHAN scores do not move.
 */
export function mergeAsciiRuns(words: string[]): string[] {
  let i = 0;
  for (; i < words.length; i++) if (words[i]!.length === 1 && isAsciiAlnum(words[i]!.charCodeAt(0))) break;
  if (i === words.length) return words;
  const out = words.slice(0, i);
  let run = '';
  for (; i < words.length; i++) {
    const w = words[i]!;
    const c = w.charCodeAt(0);
    const next = words[i + 1];
    if (w.length === 1 && isAsciiAlnum(c)) run += w;
    else if (w === '.' && run.length > 0 && isDigit(run.charCodeAt(run.length - 1)) && next !== undefined && next.length === 1 && isDigit(next.charCodeAt(0))) run += w;
    else {
      if (run) out.push(run);
      run = '';
      out.push(w);
    }
  }
  if (run) out.push(run);
  return out;
}

export function createSegmenter(options: SegmenterOptions = {}): Segmenter {
  const userDicts = options.userDicts ?? [defaultUserDictPath];
  const dictText = userDicts.map(readResource).join('\n');
  const key = JSON.stringify(userDicts);
  if (loadedKey === undefined) {
    // An empty user-dict string makes cppjieba open "" and abort, so "none" loads jieba's own (tiny) user dict.
    const jiebaOwnUserDict = (nodejieba as unknown as { DEFAULT_USER_DICT: string }).DEFAULT_USER_DICT;
    nodejieba.load({ userDict: userDicts.length > 0 ? userDicts.join('|') : jiebaOwnUserDict, idfDict: unusedExtractorIdfPath });
    loadedKey = key;
  } else if (loadedKey !== key) {
    throw new AnalysisError(
      'SEGMENTER_DICT_CONFLICT',
      `nodejieba is already loaded with ${loadedKey} in this process; cannot load ${key} too (run it in another process)`,
    );
  }
  const hash = createHash('sha1').update(dictText).digest('hex').slice(0, 6);
  const version = userDicts.length > 0 ? `jieba-3.5.8+dict:${SEGMENTER_DICT_VERSION}.${hash}` : 'jieba-3.5.8+dict:none';
  const userDictTerms = dictText
    .split('\n')
    .map((l) => l.split(' ')[0] ?? '')
    .filter((w) => w.length > 0);
  const stopWords = loadStopWords(options.stopWordsPath ?? defaultStopWordsPath);
  const stopFilter = wordFilter(stopWords);
  // One-unit stop words (的, 了, punctuation: most stop-word hits) answer from a table, without hashing the word.
  const stopUnit = unitSet([...stopWords].filter((w) => w.length === 1).map((w) => w.charCodeAt(0)));
  const isStop = (w: string): boolean => (w.length === 1 ? hasUnit(stopUnit, w.charCodeAt(0)) : mayContain(stopFilter, w) && stopWords.has(w));
  const hmm = options.hmm ?? false;

  return {
    version,
    userDictTerms,
    cut: (text) => (text.length === 0 ? [] : hmm ? nodejieba.cut(text, true) : mergeAsciiRuns(nodejieba.cut(text, false))),
    isStopWord: (word) => stopWords.has(word),
    contentTokens(words) {
      const out: string[] = [];
      for (const w of words) if (!isStop(w) && !isPunctOrSpace(w)) out.push(w);
      return out;
    },
  };
}
