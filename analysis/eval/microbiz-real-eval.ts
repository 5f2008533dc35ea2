/**
 * The real-passage part of eval:microbiz: 5-fold cross-validation grouped by page (seeded) of the shipped training
 * (trainMicrobizModel, retrained per fold, thresholds by its own inner CV) over the passages of
 * ../shared/data/microbiz-real, and the rules-only analyzer on the same passages as the baseline. Prints speaker
 * accuracy (seller_ad / consumer+agent / media / other) with its confusion matrix, seller_ad precision and recall,
 * 3-class sentiment accuracy with its confusion matrix, aspect per-class and macro F1. Gives the figures.
 * The document sentiment that ships is the general scorer's (nothing about it is trained on these passages), so its
 * figure is the shipped analyzer's on every passage; the dropped learned head's cross-validated figure is printed
 * next to it for comparison (microbiz-sentiment-head.ts).
 */
import type { AspectName, SentimentLabel, SpeakerType } from '../analyzed-document.js';
import { AspectName as AspectNames } from '../analyzed-document.js';
import { createAnalyzer } from '../create-analyzer.js';
import { createMicrobizStep } from '../microbiz/create-microbiz-step.js';
import { crossValidateMicrobiz } from '../microbiz/model/cross-validate-microbiz.js';
import { passageDocument, passageExamples, type RealPassage } from '../microbiz/model/real-passages.js';
import { DEFAULT_TRAIN_OPTIONS } from '../microbiz/model/train-microbiz-model.js';
import { crossValidatedSentimentHead } from './microbiz-sentiment-head.js';

export const REAL_FOLDS = 5;
export const REAL_FOLD_SEED = 2026;

export interface RealFigures {
  speakerAccuracy: number;
  sellerPrecision: number;
  sellerRecall: number;
  sellerCalls: number;
  sentimentAccuracy: number;
  aspectMacroF1: number;
}

interface Decisions {
  speaker: SpeakerType[];
  sentiment: SentimentLabel[];
  aspects: AspectName[][];
}

const f3 = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '  -  ');
const SPEAKER4 = ['seller_ad', 'consumer+agent', 'media', 'other'] as const;
const speaker4 = (s: SpeakerType): (typeof SPEAKER4)[number] => (s === 'consumer' || s === 'agent' ? 'consumer+agent' : s);

function confusion<T extends string>(classes: readonly T[], gold: readonly T[], pred: readonly T[]): number {
  const m = classes.map(() => classes.map(() => 0));
  let correct = 0;
  gold.forEach((g, i) => {
    const row = m[classes.indexOf(g)] as number[];
    const c = classes.indexOf(pred[i] as T);
    row[c] = (row[c] as number) + 1;
    if (g === pred[i]) correct++;
  });
  console.log(`    gold \\ predicted ${classes.map((c) => c.padStart(15)).join('')}`);
  classes.forEach((c, i) => console.log(`    ${c.padEnd(17)} ${(m[i] as number[]).map((n) => String(n).padStart(15)).join('')}`));
  return correct / gold.length;
}

function report(passages: readonly RealPassage[], d: Decisions): RealFigures {
  const speakerAccuracy = confusion(SPEAKER4, passages.map((p) => speaker4(p.speaker)), d.speaker.map(speaker4));
  console.log(`  speaker accuracy (4 classes) ${f3(speakerAccuracy)}`);
  let tp = 0;
  let calls = 0;
  let gold = 0;
  passages.forEach((p, i) => {
    const called = d.speaker[i] === 'seller_ad';
    const is = p.speaker === 'seller_ad';
    if (called) calls++;
    if (is) gold++;
    if (called && is) tp++;
  });
  const sellerPrecision = calls === 0 ? Number.NaN : tp / calls;
  const sellerRecall = tp / gold;
  console.log(`  seller_ad call: precision ${f3(sellerPrecision)} (${tp}/${calls}), recall ${f3(sellerRecall)} (${tp}/${gold})`);
  const sentimentAccuracy = confusion(['neg', 'neu', 'pos'] as const, passages.map((p) => p.label), d.sentiment);
  console.log(`  sentiment accuracy (3 classes) ${f3(sentimentAccuracy)} (all-neg would score ${f3(passages.filter((p) => p.label === 'neg').length / passages.length)})`);
  let macro = 0;
  console.log('    aspect       prec.  recall  F1      gold');
  for (const name of AspectNames.options) {
    let t = 0;
    let fp = 0;
    let fn = 0;
    passages.forEach((p, i) => {
      const g = p.aspects.includes(name);
      const c = (d.aspects[i] as AspectName[]).includes(name);
      if (g && c) t++;
      else if (c) fp++;
      else if (g) fn++;
    });
    const f1 = t === 0 ? 0 : (2 * t) / (2 * t + fp + fn);
    macro += f1;
    console.log(`    ${name.padEnd(12)} ${f3(t / (t + fp))}  ${f3(t / (t + fn))}  ${f3(f1)}   ${String(t + fn).padStart(4)}`);
  }
  const aspectMacroF1 = macro / AspectNames.options.length;
  console.log(`  aspect macro-F1 ${f3(aspectMacroF1)}`);
  return { speakerAccuracy, sellerPrecision, sellerRecall, sellerCalls: calls, sentimentAccuracy, aspectMacroF1 };
}

function analyzedDecisions(passages: readonly RealPassage[], analyzer: ReturnType<typeof createAnalyzer>): Decisions {
  const now = new Date('2026-12-05T00:00:00Z');
  const d: Decisions = { speaker: [], sentiment: [], aspects: [] };
  for (const p of passages) {
    const doc = analyzer.analyze(passageDocument(p, now), now);
    d.speaker.push(doc.speaker.type);
    d.sentiment.push(doc.sentiment.label);
    d.aspects.push(doc.aspects.map((a) => a.name));
  }
  return d;
}

/** The shipped analyzer (model trained on all the passages) on the same passages: in-sample figures. */
export function inSample(passages: readonly RealPassage[]): RealFigures {
  return report(passages, analyzedDecisions(passages, createAnalyzer()));
}

/** The analyzer with the rules alone (no learned model): what shipped before the model. */
export function rulesBaseline(passages: readonly RealPassage[]): RealFigures {
  return report(passages, analyzedDecisions(passages, createAnalyzer({ microbiz: createMicrobizStep({ model: null }) })));
}

/**
 * Cross-validated figures of the shipped training (speaker and aspects retrained per fold); the sentiment figure is
 * the shipped analyzer's document sentiment (the general scorer, not trained on these passages). Also gives the
 * dropped learned sentiment head's cross-validated accuracy, for comparison.
 */
export function crossValidatedFigures(passages: readonly RealPassage[]): RealFigures & { thresholds: number[]; sentimentHeadAccuracy: number } {
  const examples = passageExamples(passages, DEFAULT_TRAIN_OPTIONS.bits);
  const { decisions, thresholds } = crossValidateMicrobiz(examples, DEFAULT_TRAIN_OPTIONS, REAL_FOLDS, REAL_FOLD_SEED);
  console.log(`  seller_ad thresholds chosen per fold (inner CV, precision ≥ ${DEFAULT_TRAIN_OPTIONS.sellerMinPrecision}; 1.01 = never called): ${thresholds.map((t) => t.toFixed(3)).join(', ')}`);
  console.log('  sentiment below: the shipped analyzer\'s document sentiment (general scorer; no fold trains it)');
  const figures = report(passages, {
    speaker: decisions.map((x) => x.speaker),
    sentiment: analyzedDecisions(passages, createAnalyzer()).sentiment,
    aspects: decisions.map((x) => x.aspects),
  });
  const head = crossValidatedSentimentHead(examples, DEFAULT_TRAIN_OPTIONS, REAL_FOLDS, REAL_FOLD_SEED);
  const sentimentHeadAccuracy = head.filter((label, i) => label === passages[i]?.label).length / passages.length;
  console.log(`  for comparison, NOT shipped: the learned 3-class sentiment head (dense slots, same folds) would score ${f3(sentimentHeadAccuracy)} cross-validated`);
  return { ...figures, thresholds, sentimentHeadAccuracy };
}
