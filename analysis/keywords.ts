/**
 * Keywords per document: TF-IDF with jieba's own IDF table (the one nodejieba.extract uses), computed over the
 * words we already cut — calling nodejieba.extract would segment every document a second time.
 * Takes content tokens, gives the top-N words; single characters and numbers never count as keywords.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AnalysisError } from './errors.js';

export interface KeywordExtractor {
  readonly version: string;
  extract(tokens: readonly string[], topN: number): string[];
}

export function defaultIdfPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('nodejieba/package.json')), 'submodules/cppjieba/dict/idf.utf8');
}

const NOT_A_KEYWORD = /^[\d\s\p{P}\p{S}a-zA-Z]$|^[\d.,%\s]+$/u;

export function createKeywordExtractor(idfPath: string = defaultIdfPath()): KeywordExtractor {
  let text: string;
  try {
    text = readFileSync(idfPath, 'utf8');
  } catch (error) {
    throw new AnalysisError('ANALYSIS_RESOURCE_INVALID', `cannot read IDF table ${idfPath}`, { file: idfPath }, { cause: error });
  }
  const idf = new Map<string, number>();
  let sum = 0;
  for (const line of text.split('\n')) {
    const space = line.lastIndexOf(' ');
    if (space <= 0) continue;
    const value = Number(line.slice(space + 1));
    if (!Number.isFinite(value)) continue;
    idf.set(line.slice(0, space), value);
    sum += value;
  }
  // Unknown words (our dictionary terms, new slang) get the average IDF, as cppjieba's KeywordExtractor does.
  const average = idf.size > 0 ? sum / idf.size : 10;

  return {
    version: 'tfidf-jieba',
    extract(tokens, topN) {
      const tf = new Map<string, number>();
      for (const t of tokens) {
        if (t.length < 2 || NOT_A_KEYWORD.test(t)) continue;
        tf.set(t, (tf.get(t) ?? 0) + 1);
      }
      const scored: Array<[string, number]> = [];
      for (const [word, n] of tf) scored.push([word, n * (idf.get(word) ?? average)]);
      // Ties break by word so the output is deterministic.
      scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      return scored.slice(0, topN).map(([w]) => w);
    },
  };
}
