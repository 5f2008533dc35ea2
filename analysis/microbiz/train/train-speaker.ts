/**
 * `npm run train:speaker`: fits the speaker weights (analysis/microbiz/data/speaker.v3.json) by multinomial logistic
 * regression over the cue groups, scopes and caps of the hand-written speaker.v3.cues.json, on the DEVELOPMENT
 * splits of test/fixtures/microbiz/posts.jsonl (regular + hard; copies of one ad wave weigh one post); the L2
 * strength is chosen by 5-fold cross-validation on them. The held-out test split (test-posts.jsonl) is never read.
 * Deterministic: the same files in give the same file out. `--check` fits and reports without writing.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SpeakerType } from '../../analyzed-document.js';
import { createAnalyzer } from '../../create-analyzer.js';
import { SpeakerCuesFile, SpeakerRulesFile, readRulesFile } from '../rules-data.js';
import { crossValidatedPredictions, fitSpeakerWeights, weightedAccuracy } from './fit-speaker-weights.js';
import { DEV_POSTS_FILE, readFixturePosts, speakerDataset } from './speaker-examples.js';

const V1_FILE = fileURLToPath(new URL('../data/speaker.v1.json', import.meta.url));
const CUES_FILE = fileURLToPath(new URL('../data/speaker.v3.cues.json', import.meta.url));
const OUT_FILE = fileURLToPath(new URL('../data/speaker.v3.json', import.meta.url));
export const SPEAKER_LAMBDAS = [0.001, 0.003, 0.01, 0.03, 0.1];
export const SPEAKER_FOLDS = 5;
/** CV accuracies closer than this (about one post of the development set) count as a tie; ties go to the stronger L2. */
const TIE = 0.004;

const round = (x: number): number => Math.round(x * 1000) / 1000;

function main(): void {
  const classes = SpeakerType.options;
  const cues = readRulesFile(SpeakerCuesFile, CUES_FILE);
  const posts = readFixturePosts(DEV_POSTS_FILE).filter((p) => p.split === 'regular' || p.split === 'hard');
  // Every phrase v3 adds to v1's must occur in a development post: a phrase that never fires here cannot be fitted,
  // and would only carry its group's weight into text nobody has checked it on.
  const v1Terms = new Set(readRulesFile(SpeakerRulesFile, V1_FILE).cues.flatMap((c) => c.terms));
  const analyzer = createAnalyzer();
  const texts = posts.map((p) => analyzer.analyzeText(p.text).normalized.text);
  const unseen = cues.cues.flatMap((c) => c.terms.filter((t) => !v1Terms.has(t) && !texts.some((x) => x.includes(t))).map((t) => `${c.name}:${t}`));
  if (unseen.length > 0) throw new Error(`train:speaker: new phrases without any development post: ${unseen.join(', ')}`);

  const data = speakerDataset(posts, cues, analyzer);
  const split = (name: string) => (i: number) => posts[i]!.split === name;
  let lambda = SPEAKER_LAMBDAS[0]!;
  let best = -1;
  for (const candidate of SPEAKER_LAMBDAS) {
    const predicted = crossValidatedPredictions(data.examples, data.groupOf, { classes: classes.length, lambda: candidate, folds: SPEAKER_FOLDS });
    const accuracy = weightedAccuracy(data.examples, predicted);
    console.log(
      `λ ${candidate}: ${SPEAKER_FOLDS}-fold CV accuracy on the development posts ${accuracy.toFixed(3)} ` +
        `(regular ${weightedAccuracy(data.examples, predicted, split('regular')).toFixed(3)}, hard ${weightedAccuracy(data.examples, predicted, split('hard')).toFixed(3)})`,
    );
    if (accuracy > best - TIE) [lambda, best] = [candidate, Math.max(best, accuracy)];
  }
  const fit = fitSpeakerWeights(data.examples, { classes: classes.length, lambda });
  const perClass = (row: (c: number) => number): Partial<Record<SpeakerType, number>> =>
    Object.fromEntries(classes.map((c, i) => [c, round(row(i))]).filter(([, v]) => v !== 0));
  const weightsOf = (f: number) => perClass((c) => fit.weights[c]![f]!);
  const k = cues.cues.length;
  const file: SpeakerRulesFile & { $comment: string } = {
    $comment:
      `Speaker-type rules v3: the phrase groups, scopes and caps of speaker.v3.cues.json, weights fitted by \`npm run train:speaker\` ` +
      `(multinomial logistic regression, L2 λ=${lambda} chosen by ${SPEAKER_FOLDS}-fold CV on the development splits, regular + hard, of ` +
      `test/fixtures/microbiz/posts.jsonl: CV accuracy ${best.toFixed(3)}; the held-out test split is never read). score(class) = bias + Σ cue ` +
      `weights × min(hits, cap) + Σ signal weights × min(value, cap); a hit inside quotation marks counts in "quoted" instead of its group; ` +
      `"tail" groups count hits in the last tailChars characters only. The highest score wins, confidence = its softmax share. Licence as the repository.`,
    version: 'speaker.v3',
    bias: perClass((c) => fit.bias[c]!),
    cues: cues.cues.map((cue, i) => ({ ...cue, weights: weightsOf(i) })),
    signals: Object.fromEntries(data.signalNames.map((name, j) => [name, { cap: cues.signals[name]!, weights: weightsOf(k + 1 + j) }])),
    tailChars: cues.tailChars,
    quoted: { cap: cues.quotedCap, weights: weightsOf(k) },
  };
  SpeakerRulesFile.parse(file); // what the analyzer will accept
  if (process.argv.includes('--check')) {
    console.log(`train:speaker --check: ${posts.length} development posts, λ ${lambda}, CV ${best.toFixed(3)}; nothing written`);
    return;
  }
  writeFileSync(OUT_FILE, `${JSON.stringify(file, null, 2)}\n`);
  console.log(`train:speaker: ${posts.length} development posts (regular + hard), λ ${lambda}, CV ${best.toFixed(3)}; wrote ${OUT_FILE}`);
}

main();
