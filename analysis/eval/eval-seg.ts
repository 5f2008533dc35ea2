/**
 * `npm run eval:seg`: P/R/F1 of `pulse segment` on the SIGHAN 2005 PKU and MSR dev sentences in
 * ../shared/data/segmentation (500 each, with no digits or Latin letters: see the README there; these are not the
 * official test sets), with and without the micro-business user dictionary and with jieba's HMM on and off (each in
 * its own process: nodejieba loads one dictionary per process), and whether every dictionary term stays whole.
 * Every line is segmented by the same code as `pulse segment` (analysis/segment-text.ts: full-width folding,
 * traditional → simplified, cut, mapped back to the text as written). Reads the data at run time; prints, never
 * writes. `--child shipped --lines` prints the shipped configuration's output lines too (the parity test uses it).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultUserDictPath, type SegmenterOptions } from '../segment.js';
import { createTextSegmenter } from '../segment-text.js';
import { scoreSegmentation, type SegmentationCounts } from './score-segmentation.js';
import { evaluateCorpus, segmentationCorpora } from './segmentation-eval.js';

export interface SegEvalRun {
  version: string;
  scores: Record<string, SegmentationCounts>;
  /** Only with --lines: per corpus, what `pulse segment` prints for each raw line. */
  lines?: Record<string, string[]>;
  termsSplit: string[];
}

/** The configurations compared; `shipped` passes no options, so it is whatever `pulse segment` runs by default. */
const configs = {
  'nodict,nohmm': { options: { userDicts: [], hmm: false }, label: 'jieba default dictionary' },
  shipped: { options: {}, label: 'jieba + micro-business dictionary (shipped default, = pulse segment)' },
  'nodict,hmm': { options: { userDicts: [], hmm: true }, label: 'jieba default dictionary, HMM on' },
  'dict,hmm': { options: { userDicts: [defaultUserDictPath], hmm: true }, label: 'jieba + micro-business dictionary, HMM on' },
} satisfies Record<string, { options: SegmenterOptions; label: string }>;
type ConfigName = keyof typeof configs;

function runOne(name: ConfigName, withLines: boolean): SegEvalRun {
  const options: SegmenterOptions = configs[name].options;
  const seg = createTextSegmenter(options);
  const scores: Record<string, SegmentationCounts> = {};
  const lines: Record<string, string[]> = {};
  for (const corpus of segmentationCorpora) {
    const result = evaluateCorpus(seg, corpus);
    scores[corpus] = result.counts;
    lines[corpus] = result.lines;
  }
  // A term is "kept whole" when it comes out as one word both alone and inside a sentence.
  const terms = readFileSync(defaultUserDictPath, 'utf8').split('\n').map((l) => l.split(' ')[0] ?? '').filter(Boolean);
  const termsSplit = terms.filter((t) => seg.words(t).length !== 1 || !seg.words(`他们说${t}的事情`).includes(t));
  return { version: seg.version, scores, termsSplit, ...(withLines ? { lines } : {}) };
}

const fmt = (x: number): string => x.toFixed(4);

function main(): void {
  const child = process.argv.indexOf('--child');
  if (child >= 0) {
    const name = process.argv[child + 1] ?? '';
    if (!(name in configs)) throw new Error(`eval:seg: unknown configuration "${name}" (one of ${Object.keys(configs).join(', ')})`);
    process.stdout.write(JSON.stringify(runOne(name as ConfigName, process.argv.includes('--lines'))));
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const f1: Record<string, number> = {};
  console.log('SIGHAN 2005 dev sentences (500 per corpus, no digits or Latin letters), segmented as `pulse segment` does');
  console.log('config                                                               corpus  P       R       F1      (mismatched lines)');
  for (const [name, { label }] of Object.entries(configs)) {
    const out = spawnSync(process.execPath, [...process.execArgv, self, '--child', name], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (out.status !== 0) throw new Error(`eval:seg child failed: ${out.stderr}`);
    const result = JSON.parse(out.stdout) as SegEvalRun;
    for (const corpus of segmentationCorpora) {
      const counts = result.scores[corpus]!;
      const s = scoreSegmentation(counts);
      f1[`${name},${corpus}`] = s.f1;
      console.log(`${label.padEnd(68)} ${corpus}     ${fmt(s.precision)}  ${fmt(s.recall)}  ${fmt(s.f1)}  (${counts.mismatched})`);
    }
    const n = result.termsSplit.length;
    if (name === 'shipped' && n > 0) process.exitCode = 1; // the shipped dictionary must keep its terms whole
    const shown = result.termsSplit.slice(0, 12).join(' ') + (n > 12 ? ' …' : '');
    console.log(`  ${result.version}: micro-business terms not kept whole: ${n}${n ? ` (${shown})` : ''}`);
  }
  for (const corpus of segmentationCorpora) {
    const cost = (f1[`nodict,nohmm,${corpus}`]! - f1[`shipped,${corpus}`]!) * 100;
    console.log(`F1 cost of the user dictionary on ${corpus}: ${cost.toFixed(2)} points (budget 1.00) ${cost <= 1 ? 'OK' : 'OVER BUDGET'}`);
    if (cost > 1) process.exitCode = 1;
  }
}

main();
