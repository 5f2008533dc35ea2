/**
 * The real labelled passages (../shared/data/microbiz-real/passages.tsv, read at run time, never copied into the
 * repository) and their training examples: each passage goes through the production analyzer (normalize with
 * 繁→简 and full/half width, contact redaction, jieba, sentiment) into the micro-business step, whose `observe`
 * hook hands over the feature row — the very row the shipped step scores at run time.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AspectName as AspectNames, SpeakerType as SpeakerTypes, type AspectName, type SpeakerType } from '../../analyzed-document.js';
import { createAnalyzer, type Analyzer } from '../../create-analyzer.js';
import { createMicrobizStep } from '../create-microbiz-step.js';
import { copyRow, type SparseRow } from './microbiz-features.js';
import { SENTIMENT_CLASSES } from './microbiz-model.js';
import type { MicrobizExample } from './train-microbiz-model.js';

export const DEFAULT_REAL_PASSAGES_FILE = fileURLToPath(new URL('../../../../shared/data/microbiz-real/passages.tsv', import.meta.url));

export interface RealPassage {
  id: string;
  url: string;
  speaker: SpeakerType;
  label: (typeof SENTIMENT_CLASSES)[number];
  /** Project names (inventory → stockpiling, recruitment → recruiting, refund → refunds); the data's "other" is dropped. */
  aspects: AspectName[];
  text: string;
}

const DATA_ASPECT: Record<string, AspectName | null> = {
  inventory: 'stockpiling',
  recruitment: 'recruiting',
  refund: 'refunds',
  income: 'income',
  quality: 'quality',
  legality: 'legality',
  platform: 'platform',
  trust: 'trust',
  other: null,
};

/** The passages of `file`, or null when it does not exist (no ../shared next to the repository). */
export function readRealPassages(file = DEFAULT_REAL_PASSAGES_FILE): RealPassage[] | null {
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
  const header = (lines.shift() ?? '').split('\t');
  const col = (name: string): number => {
    const at = header.indexOf(name);
    if (at < 0) throw new Error(`${file}: no column "${name}" in the header`);
    return at;
  };
  const [id, url, speaker, label, aspects, text] = ['id', 'url', 'speaker', 'label', 'aspects', 'text'].map(col) as number[];
  return lines.map((line, n) => {
    const cells = line.split('\t');
    const where = `${file}:${n + 2}`;
    const sp = SpeakerTypes.safeParse(cells[speaker!]);
    const lb = cells[label!] as RealPassage['label'];
    if (!sp.success || !SENTIMENT_CLASSES.includes(lb)) throw new Error(`${where}: speaker "${cells[speaker!]}" or label "${lb}" is not known`);
    const names = (cells[aspects!] ?? '').split(',').filter((a) => a.trim());
    const unknown = names.filter((a) => !(a in DATA_ASPECT));
    if (unknown.length > 0) throw new Error(`${where}: unknown aspects ${unknown.join(',')}`);
    return {
      id: cells[id!] ?? String(n),
      url: cells[url!] ?? '',
      speaker: sp.data,
      label: lb,
      aspects: names.map((a) => DATA_ASPECT[a]).filter((a): a is AspectName => a !== null && a !== undefined),
      text: cells[text!] ?? '',
    };
  });
}

/** A passage as the pipeline receives a document (untitled: passages have no title). */
export function passageDocument(p: { id: string; url: string; text: string }, now: Date) {
  return {
    docId: createHash('sha1').update(p.id).digest('hex'),
    sourceId: 'microbiz-real',
    url: p.url || `https://passage.invalid/${p.id}`,
    title: '',
    body: p.text,
    publishedAt: null,
    author: null,
    fetchedAt: now.toISOString(),
    contentHash: createHash('sha1').update(p.text).digest('hex'),
    topics: [],
    sourceType: 'demo' as const,
  };
}

/**
 * Feature rows of texts through the production analyzer (default settings) and the micro-business step with the
 * model switched off and `observe` on: normalization, segmentation and sentiment are exactly the analyzer's.
 */
export function featureRows(texts: readonly { id: string; url: string; text: string }[], bits: number, analyzerOptions: { make?: (step: ReturnType<typeof createMicrobizStep>) => Analyzer } = {}): SparseRow[] {
  const rows: SparseRow[] = [];
  let seen: SparseRow | null = null;
  const step = createMicrobizStep({ model: null, bits, observe: (row) => (seen = copyRow(row)) });
  const analyzer = analyzerOptions.make ? analyzerOptions.make(step) : createAnalyzer({ microbiz: step });
  const now = new Date('2026-12-05T00:00:00Z');
  for (const t of texts) {
    seen = null;
    analyzer.analyze(passageDocument(t, now), now);
    if (seen === null) throw new Error(`passage ${t.id}: the micro-business step gave no feature row`);
    rows.push(seen);
  }
  return rows;
}

/** Training examples of the passages (grouped by URL). */
export function passageExamples(passages: readonly RealPassage[], bits: number): MicrobizExample[] {
  const rows = featureRows(passages, bits);
  return passages.map((p, i) => ({
    row: rows[i] as SparseRow,
    speaker: SpeakerTypes.options.indexOf(p.speaker),
    sentiment: SENTIMENT_CLASSES.indexOf(p.label),
    aspects: p.aspects.map((a) => AspectNames.options.indexOf(a)),
    group: p.url,
  }));
}
