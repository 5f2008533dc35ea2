/**
 * `npm run eval:microbiz` LEADS with the real passages (../shared/data/microbiz-real, read at run time): 5-fold
 * cross-validation grouped by page (seeded) of the shipped training, retrained per fold with exactly the code of
 * `npm run train:microbiz` — speaker accuracy (seller_ad / consumer+agent / media / other) and its confusion matrix,
 * seller_ad precision and recall, 3-class sentiment accuracy and its confusion matrix, aspect per-class and macro F1 —
 * next to the rules-only analyzer on the same passages. Then, as a SECOND figure and regression check, the shipped
 * analyzer over the synthetic posts written for this repository (test/fixtures/microbiz: development splits and the
 * held-out test split), the speaker.v3 rule weights' CV on them and the copy-paste waves.
 * `--strict` exits 1 when a cross-validated figure falls below its floor (FLOORS: the targets where they are met,
 * else the honest current figure minus a small margin), or when the real passages are missing (CI has them: a
 * missing data folder must not pass as green). Without `--strict`, missing data prints a notice and skips that part.
 * `--dev-only` skips the synthetic test split.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAnalyzer } from '../index.js';
import type { AspectName, SpeakerType } from '../analyzed-document.js';
import { AspectName as AspectNames, SpeakerType as SpeakerTypes } from '../analyzed-document.js';
import { InMemoryClusterStore, SpeakerCuesFile, bands, createMicrobizStep, readRulesFile, signature } from '../microbiz/index.js';
import { crossValidatedPredictions, weightedAccuracy } from '../microbiz/train/fit-speaker-weights.js';
import { speakerDataset } from '../microbiz/train/speaker-examples.js';
import { DEFAULT_REAL_PASSAGES_FILE, readRealPassages } from '../microbiz/model/real-passages.js';
import { crossValidatedFigures, inSample, REAL_FOLD_SEED, REAL_FOLDS, rulesBaseline, type RealFigures } from './microbiz-real-eval.js';

interface Post {
  id: string;
  split: 'hard' | 'regular' | 'test';
  /** Test split only: 'hard' on the third written in the style of the hard split. */
  style?: 'hard';
  speaker: SpeakerType;
  aspects: AspectName[];
  wave?: string;
  text: string;
}
interface Prediction {
  post: Post;
  speaker: SpeakerType;
  aspects: Set<AspectName>;
  clusterId: string;
}

/** Issue 12's targets, cross-validated on the real passages. */
const REAL_TARGETS = { speakerAccuracy: 0.8, sentimentAccuracy: 0.7, aspectMacroF1: 0.78, sellerPrecision: 0.9, sellerRecall: 0.6 };
/**
 * What `--strict` enforces: below these CI fails. Targets not yet met are floored at the figure measured when the
 * model shipped minus about two passages' worth (0.006) plus a little for fold noise, so a regression fails and
 * the shortfall stays visible (see the model card); never above what the code honestly reaches.
 */
// Measured on 2026-12-06 (seed 2026), microbiz.v2: speaker 0.717 and aspects 0.710 cross-validated; sentiment 0.511 =
// the general scorer's document sentiment (what ships; nothing trained on these passages; all-neg would score 0.495);
// seller_ad precision 0.941 (16/17 calls), recall 0.296. Floors = those minus 0.02 (0.49 for sentiment; recall 0.27):
// regression guards at the honest figures, not the targets, which are NOT met (seller_ad precision is).
const REAL_FLOORS = { speakerAccuracy: 0.69, sentimentAccuracy: 0.49, aspectMacroF1: 0.69, sellerPrecision: 0.9, sellerRecall: 0.27 };
/** The synthetic set's former targets, printed as the second figure (not enforced: the model is trained on real text). */
const TARGETS = { speakerAccuracy: 0.85, aspectMacroF1: 0.75 };
/** The trainer's input and choice, as recorded in the shipped rules ("λ=0.003" in its $comment). */
const cuesFile = fileURLToPath(new URL('../microbiz/data/speaker.v3.cues.json', import.meta.url));
const rulesFile = fileURLToPath(new URL('../microbiz/data/speaker.v3.json', import.meta.url));
const file = fileURLToPath(new URL('../../test/fixtures/microbiz/posts.jsonl', import.meta.url));
/** Written after the rest and before any rule change that followed it; never read by the trainer. */
const testFile = fileURLToPath(new URL('../../test/fixtures/microbiz/test-posts.jsonl', import.meta.url));
const sha1 = (s: string): string => createHash('sha1').update(s).digest('hex');
const f3 = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '  -  ');

function loadPosts(path: string): Post[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Post);
}

async function predict(posts: readonly Post[]): Promise<Prediction[]> {
  const analyzer = createAnalyzer({ microbiz: createMicrobizStep() });
  const store = new InMemoryClusterStore();
  const now = new Date('2025-01-01T00:00:00Z');
  const out: Prediction[] = [];
  for (const post of posts) {
    const docId = sha1(post.id);
    const doc = analyzer.analyze(
      {
        docId,
        sourceId: 'fixture',
        url: `https://fixture.invalid/${post.id}`,
        title: '',
        body: post.text,
        publishedAt: null,
        author: null,
        fetchedAt: now.toISOString(),
        contentHash: sha1(post.text),
        topics: [],
        sourceType: 'demo',
      },
      now,
    );
    const sig = signature(doc.tokens);
    out.push({
      post,
      speaker: doc.speaker.type,
      aspects: new Set(doc.aspects.map((a) => a.name)),
      clusterId: await store.assign(docId, sig, bands(sig)),
    });
  }
  return out;
}

function aspectTable(preds: readonly Prediction[]): number {
  const rows: string[] = [];
  let macro = 0;
  for (const name of AspectNames.options) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const p of preds) {
      const gold = p.post.aspects.includes(name);
      const got = p.aspects.has(name);
      if (gold && got) tp++;
      else if (got) fp++;
      else if (gold) fn++;
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    const f1 = tp === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    macro += f1;
    rows.push(`  ${name.padEnd(12)} ${f3(precision)}  ${f3(recall)}  ${f3(f1)}   ${String(tp + fn).padStart(4)}`);
  }
  macro /= AspectNames.options.length;
  console.log(`  aspect       prec.  recall  F1      gold\n${rows.join('\n')}\n  macro-F1     ${f3(macro)}`);
  return macro;
}

function speakerTable(preds: readonly Prediction[]): number {
  const classes = SpeakerTypes.options;
  const matrix = classes.map(() => classes.map(() => 0));
  let correct = 0;
  for (const p of preds) {
    const row = matrix[classes.indexOf(p.post.speaker)] as number[];
    row[classes.indexOf(p.speaker)] = (row[classes.indexOf(p.speaker)] as number) + 1;
    if (p.post.speaker === p.speaker) correct++;
  }
  const accuracy = correct / preds.length;
  console.log(`  speaker accuracy ${f3(accuracy)} (${correct}/${preds.length})`);
  console.log(`  gold \\ predicted ${classes.map((c) => c.padStart(10)).join('')}`);
  classes.forEach((c, i) => console.log(`  ${c.padEnd(16)} ${(matrix[i] as number[]).map((n) => String(n).padStart(10)).join('')}`));
  return accuracy;
}

function waveReport(preds: readonly Prediction[]): void {
  const waves = new Map<string, Prediction[]>();
  for (const p of preds) if (p.post.wave) waves.set(p.post.wave, [...(waves.get(p.post.wave) ?? []), p]);
  for (const [wave, members] of waves) {
    const clusters = new Set(members.map((m) => m.clusterId));
    console.log(`  wave ${wave}: ${members.length} copies → ${clusters.size} cluster(s)`);
  }
  const sizes = new Map<string, number>();
  for (const p of preds) sizes.set(p.clusterId, (sizes.get(p.clusterId) ?? 0) + 1);
  const wrongMerges = preds.filter((p) => !p.post.wave && (sizes.get(p.clusterId) ?? 0) > 1);
  console.log(`  posts outside waves sharing a cluster with another post: ${wrongMerges.length}${wrongMerges.length ? ` (${wrongMerges.map((p) => p.post.id).join(', ')})` : ''}`);
  console.log(`  distinct voices: ${sizes.size} clusters for ${preds.length} posts`);
}

/** 5-fold CV of the shipped speaker features and λ on the development posts (what the trainer reports for it). */
function speakerCrossValidation(posts: readonly Post[]): void {
  const lambda = Number(/λ=([0-9.]+)/u.exec(readFileSync(rulesFile, 'utf8'))?.[1]);
  const data = speakerDataset(posts, readRulesFile(SpeakerCuesFile, cuesFile), createAnalyzer());
  const predicted = crossValidatedPredictions(data.examples, data.groupOf, { classes: SpeakerTypes.options.length, lambda, folds: 5 });
  const of = (split: string) => weightedAccuracy(data.examples, predicted, (i) => posts[i]?.split === split);
  console.log(
    `== speaker weights cross-validated on the development posts (5 folds, λ ${lambda}, wave copies weigh one post, refitted per fold)\n` +
      `  CV accuracy ${f3(weightedAccuracy(data.examples, predicted))} (regular ${f3(of('regular'))}, hard ${f3(of('hard'))})\n`,
  );
}

/** Real passages first; gives the floors missed (empty when all hold) or null when the data is absent. */
function realPart(): string[] | null {
  const passages = readRealPassages();
  if (passages === null) {
    console.log(`== REAL passages: ${DEFAULT_REAL_PASSAGES_FILE} not found — ../shared/data/microbiz-real is not next to this checkout; the real-data figures are SKIPPED\n`);
    return null;
  }
  const pages = new Set(passages.map((p) => p.url)).size;
  console.log(`== REAL passages (${DEFAULT_REAL_PASSAGES_FILE}): ${passages.length} passages from ${pages} pages`);
  console.log(`-- rules only (speaker.v3 + aspects.v2 + the general sentiment scorer, no learned model; nothing trained on these passages)`);
  rulesBaseline(passages);
  console.log(`\n-- learned model, ${REAL_FOLDS}-fold CROSS-VALIDATED, grouped by page (seed ${REAL_FOLD_SEED}), retrained per fold by the shipped training code`);
  const started = performance.now();
  const cv = crossValidatedFigures(passages);
  console.log(`  (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  console.log(`\n-- IN-SAMPLE, for reference only (the shipped model was trained on every one of these passages)`);
  inSample(passages);
  const missed: string[] = [];
  const rows: [string, keyof RealFigures & keyof typeof REAL_TARGETS][] = [
    ['speaker accuracy', 'speakerAccuracy'],
    ['sentiment acc. (scorer, 3 cl.)', 'sentimentAccuracy'],
    ['aspect macro-F1', 'aspectMacroF1'],
    ['seller_ad precision', 'sellerPrecision'],
    ['seller_ad recall', 'sellerRecall'],
  ];
  console.log('\nTARGETS (cross-validated on the real passages):');
  for (const [label, key] of rows) {
    // No seller_ad call at all hides nobody: precision counts as met (recall then says what is missed).
    const value = key === 'sellerPrecision' && cv.sellerCalls === 0 ? 1 : cv[key];
    const target = REAL_TARGETS[key];
    const floor = REAL_FLOORS[key];
    const noCall = key === 'sellerPrecision' && cv.sellerCalls === 0;
    const verdict = noCall ? 'no seller_ad call made (nobody hidden; see recall)' : value >= target ? 'MET' : `SHORT by ${f3(target - value)}`;
    console.log(`  ${label.padEnd(31)} ${noCall ? '  -  ' : f3(value)}  target ≥ ${target} ${verdict}; strict floor ${floor}${value < floor ? ' — BELOW FLOOR' : ''}`);
    if (value < floor) missed.push(`${label} ${f3(value)} < ${floor}`);
  }
  console.log('');
  return missed;
}

async function main(): Promise<void> {
  const strict = process.argv.includes('--strict');
  const missed = realPart();
  console.log('== SYNTHETIC posts written for this repository (second figure and regression check; the shipped analyzer, model included)\n');
  const posts = loadPosts(file);
  const devOnly = process.argv.includes('--dev-only');
  const testPosts = devOnly ? [] : loadPosts(testFile);
  const started = performance.now();
  const preds = await predict(posts);
  const ms = performance.now() - started;
  // Own cluster store: the wave report below stays about the development posts only.
  const testPreds = await predict(testPosts);
  console.log(`eval:microbiz — ${posts.length} development posts from ${file}, ${testPosts.length} held-out test posts from ${testFile}\n(analyzer incl. micro-business step: ${(posts.length / (ms / 1000)).toFixed(0)} posts/s, load included)\n`);
  let devMacro = 0;
  let devAccuracy = 0;
  for (const [label, subset] of [
    ['DEV = regular + hard', preds],
    ['REGULAR split (aspect rules tuned on its aggregate figures; speaker.v3 rule weights fitted on it)', preds.filter((p) => p.post.split === 'regular')],
    ['HARD split (written before the rules; speaker.v3 rule weights fitted on it)', preds.filter((p) => p.post.split === 'hard')],
  ] as const) {
    console.log(`== ${label}: ${subset.length} posts`);
    const m = aspectTable(subset);
    const a = speakerTable(subset);
    if (label.startsWith('DEV')) [devMacro, devAccuracy] = [m, a];
    console.log('');
  }
  speakerCrossValidation(posts);
  console.log('== copy-paste waves (InMemoryClusterStore over the analyzer tokens, development posts)');
  waveReport(preds);
  if (devOnly) console.log('\n--dev-only: synthetic test split not read');
  else synthTest(testPreds, preds, devMacro, devAccuracy);
  if (missed === null) {
    if (strict) {
      console.log('\n--strict: FAIL — the real passages are missing, so the targets cannot be checked (CI must have ../shared/data/microbiz-real)');
      process.exitCode = 1;
    }
    return;
  }
  if (missed.length > 0) console.log(`\nbelow the strict floors: ${missed.join('; ')}`);
  if (strict && missed.length > 0) process.exitCode = 1;
}

function synthTest(testPreds: Prediction[], preds: Prediction[], devMacro: number, devAccuracy: number): void {
  console.log(`\n== TEST split (held out: written before any change that followed it, never used for rules, fitting or choosing): ${testPreds.length} posts`);
  const macro = aspectTable(testPreds);
  const accuracy = speakerTable(testPreds);
  for (const [label, subset] of [
    ['hard-style third', testPreds.filter((p) => p.post.style === 'hard')],
    ['typical two thirds', testPreds.filter((p) => p.post.style !== 'hard')],
  ] as const) {
    const correct = subset.filter((p) => p.speaker === p.post.speaker).length;
    console.log(`  speaker accuracy, ${label}: ${f3(correct / subset.length)} (${correct}/${subset.length})`);
  }
  const okSpeaker = accuracy >= TARGETS.speakerAccuracy;
  const okAspects = macro >= TARGETS.aspectMacroF1;
  const verdict = (ok: boolean, value: number, target: number): string => (ok ? 'MET' : `SHORT by ${f3(target - value)}`);
  console.log(
    `\nsynthetic held-out test split (${testPreds.length} posts; former targets, not enforced): speaker accuracy ${f3(accuracy)} ${okSpeaker ? '≥' : '<'} ${TARGETS.speakerAccuracy} ` +
      `${verdict(okSpeaker, accuracy, TARGETS.speakerAccuracy)}; aspect macro-F1 ${f3(macro)} ${okAspects ? '≥' : '<'} ${TARGETS.aspectMacroF1} ` +
      `${verdict(okAspects, macro, TARGETS.aspectMacroF1)}`,
  );
  console.log(`(development posts, ${preds.length}: speaker accuracy ${f3(devAccuracy)}; aspect macro-F1 ${f3(devMacro)}; the model never saw these posts)`);
}

await main();
