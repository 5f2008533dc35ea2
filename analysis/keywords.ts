/**
 * Keywords per document: TF-IDF with jieba's own IDF table (the one nodejieba.extract uses), computed over the
 * words we already cut — calling nodejieba.extract would segment every document a second time.
 * Takes content tokens, gives the top-N words; single characters and numbers never count as keywords.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AnalysisError } from './errors.js';
import { wordFilter, isNumberLike, mayContain } from './token-classes.js';

export interface KeywordExtractor {
  readonly version: string;
  extract(tokens: readonly string[], topN: number): string[];
}

export function defaultIdfPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('nodejieba/package.json')), 'submodules/cppjieba/dict/idf.utf8');
}

interface IdfTable {
  average: number;
  lookupHash(hash: number, fallback: number): number;
}

/** Per-document term counts, reused across documents (generation stamps instead of clearing). */
class TermCounts {
  hashes = new Uint32Array(256);
  counts = new Int32Array(256);
  stamps = new Uint32Array(256);
  words: string[] = new Array<string>(256);
  /** Slots in first-seen order; `used` of them are valid. */
  order = new Int32Array(256);
  used = 0;
  private generation = 0;
  private mask = 255;

  reset(maxTerms: number): void {
    const need = Math.max(256, 1 << Math.ceil(Math.log2(maxTerms * 2 + 1)));
    if (need > this.hashes.length) {
      this.hashes = new Uint32Array(need);
      this.counts = new Int32Array(need);
      this.stamps = new Uint32Array(need);
      this.words = new Array<string>(need);
      this.order = new Int32Array(need);
      this.generation = 0;
    }
    this.mask = this.hashes.length - 1;
    this.generation = (this.generation + 1) >>> 0 || 1;
    this.used = 0;
  }

  add(word: string, hash: number): void {
    let at = hash & this.mask;
    while (this.stamps[at] === this.generation) {
      if (this.hashes[at] === hash && this.words[at] === word) {
        this.counts[at]!++;
        return;
      }
      at = (at + 1) & this.mask;
    }
    this.stamps[at] = this.generation;
    this.hashes[at] = hash;
    this.words[at] = word;
    this.counts[at] = 1;
    this.order[this.used++] = at;
  }
}

function fnv1a(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0 || 1; // 0 marks an empty slot
}

/** fnv1a of `text[start, end)`: the IDF table is built straight from the file's text, without a string per word. */
function fnv1aRange(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0 || 1;
}

/**
 * jieba's 260k-word IDF table as open addressing over 32-bit word hashes (one typed array, 4 MB): a lookup costs
 * one short hash and a probe or two, where a Map<string, number> of that size spends its time in cache misses.
 * Each slot holds the hash and the IDF side by side (the float's bits in the next 32-bit cell), so a lookup touches
 * one cache line, not two. Hash collisions are tolerated: about 8 pairs of table words share a 32-bit hash (one
 * IDF wins), and an unknown word borrows a table word's IDF with probability ~6e-5 — noise far below what TF-IDF
 * ranking notices.
 */
function buildIdfTable(text: string): IdfTable {
  const bits = 19;
  const mask = (1 << bits) - 1;
  const cells = new Uint32Array(2 << bits); // [2·slot] = hash (0 = empty), [2·slot + 1] = IDF as float32 bits
  const floats = new Float32Array(cells.buffer);
  let sum = 0;
  let n = 0;
  // Line by line through the text by index: splitting it would make 260k line strings and as many word strings
  // (~25 MB of garbage at start-up, which the process's RSS kept).
  for (let start = 0, end = 0; start < text.length; start = end + 1) {
    end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const space = text.lastIndexOf(' ', end - 1);
    if (space <= start) continue;
    const value = Number(text.slice(space + 1, end));
    if (!Number.isFinite(value)) continue;
    const h = fnv1aRange(text, start, space);
    let at = h & mask;
    while (cells[2 * at] !== 0 && cells[2 * at] !== h) at = (at + 1) & mask;
    if (cells[2 * at] === 0) n++;
    cells[2 * at] = h;
    floats[2 * at + 1] = value;
    sum += value;
    if (n > mask * 0.7) break; // never fill the table: probes must end
  }
  return {
    average: n > 0 ? sum / n : 10,
    lookupHash(h, fallback) {
      let at = h & mask;
      for (let cell = cells[2 * at]!; cell !== 0; cell = cells[2 * at]!) {
        if (cell === h) return floats[2 * at + 1]!;
        at = (at + 1) & mask;
      }
      return fallback;
    },
  };
}

export interface KeywordOptions {
  idfPath?: string;
  /** Words that are never keywords (e.g. the contact placeholder). */
  exclude?: readonly string[];
}

export function createKeywordExtractor(options: KeywordOptions = {}): KeywordExtractor {
  const idfPath = options.idfPath ?? defaultIdfPath();
  const exclude = new Set(options.exclude ?? []);
  const excludeFilter = wordFilter(exclude);
  let text: string;
  try {
    text = readFileSync(idfPath, 'utf8');
  } catch (error) {
    throw new AnalysisError('ANALYSIS_RESOURCE_INVALID', `cannot read IDF table ${idfPath}`, { file: idfPath }, { cause: error });
  }
  const idf = buildIdfTable(text);
  const counts = new TermCounts();
  // Unknown words (our dictionary terms, new slang) get the average IDF, as cppjieba's KeywordExtractor does.
  const average = idf.average;
  let termScores = new Float64Array(256);
  let topScores = new Float64Array(16);
  let topWords = new Array<string>(16);

  return {
    version: 'tfidf-jieba',
    extract(tokens, topN) {
      // Term counts in a reused open-addressing table keyed by the same 32-bit hash the IDF table uses: no Map per
      // document, and each token is hashed once.
      counts.reset(tokens.length);
      for (const t of tokens) {
        if (t.length < 2 || isNumberLike(t) || (mayContain(excludeFilter, t) && exclude.has(t))) continue;
        counts.add(t, fnv1a(t));
      }
      // Top-N by insertion into a short sorted list (no full sort); ties break by word, so output is deterministic.
      // The list lives in reused arrays and is shifted by hand: splice costs more than the whole comparison.
      if (topScores.length < topN) {
        topScores = new Float64Array(topN);
        topWords = new Array<string>(topN);
      }
      // All IDF lookups first, in a loop of independent loads: the 4 MB table mostly misses the CPU caches, and the
      // misses then overlap instead of each waiting behind the ranking work of the word before.
      if (termScores.length < counts.used) termScores = new Float64Array(counts.used * 2);
      for (let u = 0; u < counts.used; u++) {
        const slot = counts.order[u]!;
        termScores[u] = counts.counts[slot]! * idf.lookupHash(counts.hashes[slot]!, average);
      }
      let size = 0;
      for (let u = 0; u < counts.used; u++) {
        const word = counts.words[counts.order[u]!]!;
        const score = termScores[u]!;
        let at = size;
        while (at > 0 && (topScores[at - 1]! < score || (topScores[at - 1] === score && topWords[at - 1]! > word))) at--;
        if (at >= topN) continue;
        // Make room at `at`; when the list is full its last entry falls off.
        for (let k = size < topN ? size : topN - 1; k > at; k--) {
          topScores[k] = topScores[k - 1]!;
          topWords[k] = topWords[k - 1]!;
        }
        topScores[at] = score;
        topWords[at] = word;
        if (size < topN) size++;
      }
      return topWords.slice(0, size);
    },
  };
}
