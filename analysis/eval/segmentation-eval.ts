/**
 * Scores a TextSegmenter on one SIGHAN 2005 dev corpus in ../shared/data/segmentation: each raw line goes through
 * `segmenter.line` (what `pulse segment` prints for it), and the printed words are scored against the gold line.
 * Used by `npm run eval:seg` and by the test that holds it equal to the CLI. Reads the data at run time.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TextSegmenter } from '../segment-text.js';
import { countSegmentation, type SegmentationCounts } from './score-segmentation.js';

export const segmentationDataDir = fileURLToPath(new URL('../../../shared/data/segmentation/', import.meta.url));
export const segmentationCorpora = ['pku', 'msr'] as const;
export type SegmentationCorpus = (typeof segmentationCorpora)[number];

/** The corpus's raw (unsegmented) file: the input a user gives `pulse segment`. */
export const rawCorpusPath = (corpus: SegmentationCorpus, dataDir = segmentationDataDir): string => `${dataDir}${corpus}_dev.utf8`;

/** Lines of a file as `pulse segment` reads them (readline: LF or CRLF; no line for the final newline). */
export function fileLines(path: string): string[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Scores printed lines (words separated by single spaces) against the corpus's gold, line by line. */
export function scorePrintedLines(printed: readonly string[], corpus: SegmentationCorpus, dataDir = segmentationDataDir): SegmentationCounts {
  const gold = fileLines(`${dataDir}${corpus}_dev_gold.utf8`);
  if (gold.length !== printed.length) throw new Error(`${corpus}: ${printed.length} segmented lines for ${gold.length} gold lines`);
  const counts: SegmentationCounts = { gold: 0, predicted: 0, correct: 0, mismatched: 0 };
  gold.forEach((goldLine, i) => {
    const words = goldLine.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) return;
    countSegmentation(words, printed[i]!.split(' ').filter(Boolean), counts);
  });
  return counts;
}

export interface CorpusResult {
  counts: SegmentationCounts;
  /** What `pulse segment` prints for each raw line. */
  lines: string[];
}

export function evaluateCorpus(segmenter: TextSegmenter, corpus: SegmentationCorpus, dataDir = segmentationDataDir): CorpusResult {
  const lines = fileLines(rawCorpusPath(corpus, dataDir)).map((l) => segmenter.line(l));
  return { counts: scorePrintedLines(lines, corpus, dataDir), lines };
}
