/**
 * `npm run eval:seg`: P/R/F1 of our segmenter on the SIGHAN 2005 PKU and MSR dev gold in ../shared/data/segmentation,
 * with and without the micro-business user dictionary (each in its own process: nodejieba loads one dictionary per
 * process), and whether every dictionary term stays whole. Reads the data at run time; prints, never writes.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSegmenter, defaultUserDictPath } from '../segment.js';
import { countSegmentation, scoreSegmentation, type SegmentationCounts } from './score-segmentation.js';

const dataDir = fileURLToPath(new URL('../../../shared/data/segmentation/', import.meta.url));
const corpora = ['pku', 'msr'] as const;

interface RunResult {
  version: string;
  scores: Record<string, SegmentationCounts>;
  termsSplit: string[];
}

function runOne(useDict: boolean, hmm: boolean): RunResult {
  const seg = createSegmenter({ userDicts: useDict ? [defaultUserDictPath] : [], hmm });
  const scores: Record<string, SegmentationCounts> = {};
  for (const corpus of corpora) {
    const goldLines = readFileSync(`${dataDir}${corpus}_dev_gold.utf8`, 'utf8').split('\n').filter((l) => l.trim());
    const counts: SegmentationCounts = { gold: 0, predicted: 0, correct: 0, mismatched: 0 };
    for (const line of goldLines) {
      const gold = line.trim().split(/\s+/);
      // Gold never splits inside our text's whitespace; cut the raw sentence exactly as the bakeoff does.
      countSegmentation(gold, seg.cut(gold.join('')).filter((w) => w.trim().length > 0), counts);
    }
    scores[corpus] = counts;
  }
  // A term is "kept whole" when it comes out as one word both alone and inside a sentence.
  const terms = readFileSync(defaultUserDictPath, 'utf8').split('\n').map((l) => l.split(' ')[0] ?? '').filter(Boolean);
  const termsSplit = terms.filter((t) => {
    const inSentence = seg.cut(`他们说${t}的事情`);
    return seg.cut(t).length !== 1 || !inSentence.includes(t);
  });
  return { version: seg.version, scores, termsSplit };
}

const fmt = (x: number): string => x.toFixed(4);

function main(): void {
  const child = process.argv.indexOf('--child');
  if (child >= 0) {
    const [dict, hmm] = (process.argv[child + 1] ?? '').split(',');
    process.stdout.write(JSON.stringify(runOne(dict === 'dict', hmm === 'hmm')));
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const configs = [
    ['nodict', 'nohmm', 'jieba default dictionary'],
    ['dict', 'nohmm', 'jieba + micro-business dictionary (shipped default)'],
    ['nodict', 'hmm', 'jieba default dictionary, HMM on'],
    ['dict', 'hmm', 'jieba + micro-business dictionary, HMM on'],
  ] as const;
  const f1: Record<string, number> = {};
  console.log('config                                                  corpus  P       R       F1      (mismatched lines)');
  for (const [dict, hmm, label] of configs) {
    const out = spawnSync(process.execPath, [...process.execArgv, self, '--child', `${dict},${hmm}`], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`eval:seg child failed: ${out.stderr}`);
    const result = JSON.parse(out.stdout) as RunResult;
    for (const corpus of corpora) {
      const counts = result.scores[corpus]!;
      const s = scoreSegmentation(counts);
      f1[`${dict},${hmm},${corpus}`] = s.f1;
      console.log(`${label.padEnd(55)} ${corpus}     ${fmt(s.precision)}  ${fmt(s.recall)}  ${fmt(s.f1)}  (${counts.mismatched})`);
    }
    const n = result.termsSplit.length;
    if (dict === 'dict' && n > 0) process.exitCode = 1; // the shipped dictionary must keep its terms whole
    const shown = result.termsSplit.slice(0, 12).join(' ') + (n > 12 ? ' …' : '');
    console.log(`  ${result.version}: micro-business terms not kept whole: ${n}${n ? ` (${shown})` : ''}`);
  }
  for (const corpus of corpora) {
    const cost = (f1[`nodict,nohmm,${corpus}`]! - f1[`dict,nohmm,${corpus}`]!) * 100;
    console.log(`F1 cost of the user dictionary on ${corpus}: ${cost.toFixed(2)} points (budget 1.00) ${cost <= 1 ? 'OK' : 'OVER BUDGET'}`);
    if (cost > 1) process.exitCode = 1;
  }
}

main();
