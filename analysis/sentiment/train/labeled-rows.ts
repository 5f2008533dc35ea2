/**
 * Reads the shared sentiment TSVs (`label<TAB>text`, with line-aligned `*_sources.tsv`) at run time. Gives rows with
 * their source; never copies the text anywhere. Used by training and evaluation scripts only.
 */
import { existsSync, readFileSync } from 'node:fs';

export interface LabeledRow {
  label: 'pos' | 'neg';
  /** 1 for pos, 0 for neg. */
  y: number;
  text: string;
  source: string;
}

export function readLabeledRows(tsvPath: string): LabeledRow[] {
  const sourcesPath = tsvPath.replace(/\.tsv$/, '_sources.tsv');
  const sources = existsSync(sourcesPath) ? readFileSync(sourcesPath, 'utf8').split('\n').slice(1) : [];
  const rows: LabeledRow[] = [];
  const lines = readFileSync(tsvPath, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const label = line.slice(0, tab);
    if (label !== 'pos' && label !== 'neg') continue;
    rows.push({ label, y: label === 'pos' ? 1 : 0, text: line.slice(tab + 1), source: (sources[i] ?? '').split('\t')[0] || 'unknown' });
  }
  return rows;
}

/** Weibo emoticons `[哈哈]` and emoji, for the "emoticons removed" evaluation. */
const EMOTICONS_AND_EMOJI = /[[［][\u3400-\u9fffA-Za-z]{1,8}[\]］]|\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic})*/gu;

export function withoutEmoticons(text: string): string {
  return text.replace(EMOTICONS_AND_EMOJI, ' ');
}
