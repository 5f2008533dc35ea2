/**
 * `npm run train:speaker`: fits the speaker weights (analysis/microbiz/data/speaker.v2.json) by multinomial logistic
 * regression over the cue groups and signals of speaker.v1.json (same phrases, same caps), on the REGULAR split of
 * test/fixtures/microbiz/posts.jsonl only; the L2 strength is chosen by 5-fold cross-validation on that split. The
 * hard split is never read for fitting or choosing. Deterministic: the same files in give the same file out.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SpeakerType } from '../../analyzed-document.js';
import { createAnalyzer } from '../../create-analyzer.js';
import { DEFAULT_SPEAKER_FILE, SpeakerRulesFile, readRulesFile } from '../rules-data.js';
import { compileSpeakerRules, countSpeakerCues, countSpeakerSignals, type SpeakerSignalName } from '../speaker.js';
import { crossValidate, fitSpeakerWeights, type SpeakerExample } from './fit-speaker-weights.js';

const BASE_FILE = fileURLToPath(new URL('../data/speaker.v1.json', import.meta.url));
const OUT_FILE = fileURLToPath(new URL('../data/speaker.v2.json', import.meta.url));
const POSTS = fileURLToPath(new URL('../../../test/fixtures/microbiz/posts.jsonl', import.meta.url));
const LAMBDAS = [0.003, 0.01, 0.03, 0.1];
/** CV accuracies closer than this (about one post of the split) count as a tie; ties go to the stronger L2. */
const TIE = 0.005;
/** Signals the code counts, with the cap used when the base file does not weigh them. */
const SIGNALS: readonly [SpeakerSignalName, number][] = [
  ['contacts', 1], ['prices', 2], ['emoji', 4], ['exclamations', 3], ['questions', 2],
  ['firstPerson', 4], ['secondPerson', 3], ['hashtags', 1], ['longText', 1], ['impersonal', 1],
];

interface Post {
  id: string;
  split: 'regular' | 'hard';
  speaker: string;
  wave?: string;
  text: string;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function main(): void {
  const classes = SpeakerType.options;
  const base = readRulesFile(SpeakerRulesFile, BASE_FILE);
  const rules = compileSpeakerRules(base);
  const caps = SIGNALS.map(([name, cap]) => base.signals[name]?.cap ?? cap);
  const analyzer = createAnalyzer();
  const posts = readFileSync(POSTS, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Post)
    .filter((p) => p.split === 'regular');
  const waveSize = new Map<string, number>();
  for (const p of posts) if (p.wave) waveSize.set(p.wave, (waveSize.get(p.wave) ?? 0) + 1);
  const examples: SpeakerExample[] = posts.map((p) => {
    // The text as the analyzer's step hands it to the classifier: title (none here), newline, normalized body.
    const text = `\n${analyzer.analyzeText(p.text).normalized.text}`;
    const cues = countSpeakerCues(text, rules);
    const signals = countSpeakerSignals(text, 0);
    return {
      features: [...Array.from(cues, (h, i) => Math.min(h, base.cues[i]!.cap)), ...SIGNALS.map(([name], i) => Math.min(signals[name], caps[i]!))],
      label: classes.indexOf(p.speaker as SpeakerType),
      weight: p.wave ? 1 / waveSize.get(p.wave)! : 1,
    };
  });
  if (examples.some((e) => e.label < 0)) throw new Error('train:speaker: unknown speaker label in the fixtures');

  let lambda = LAMBDAS[0]!;
  let best = -1;
  for (const candidate of LAMBDAS) {
    const accuracy = crossValidate(examples, (i) => posts[i]!.wave ?? posts[i]!.id, { classes: classes.length, lambda: candidate, folds: 5 });
    console.log(`λ ${candidate}: 5-fold CV accuracy on the regular split ${accuracy.toFixed(3)}`);
    if (accuracy > best - TIE) [lambda, best] = [candidate, Math.max(best, accuracy)];
  }
  const fit = fitSpeakerWeights(examples, { classes: classes.length, lambda });
  const perClass = (row: (c: number) => number): Partial<Record<SpeakerType, number>> =>
    Object.fromEntries(classes.map((c, i) => [c, round(row(i))]).filter(([, v]) => v !== 0));
  const file: SpeakerRulesFile & { $comment: string } = {
    $comment:
      `Speaker-type rules v2: the phrase groups and caps of speaker.v1.json, weights fitted by \`npm run train:speaker\` ` +
      `(multinomial logistic regression, L2 λ=${lambda} chosen by 5-fold CV on the regular split of ` +
      `test/fixtures/microbiz/posts.jsonl; the hard split is never used for fitting). score(class) = bias + Σ cue ` +
      `weights × min(hits, cap) + Σ signal weights × min(value, cap); the highest score wins, confidence = its softmax ` +
      `share. Licence as the repository.`,
    version: 'speaker.v2',
    bias: perClass((c) => fit.bias[c]!),
    cues: base.cues.map((cue, i) => ({ name: cue.name, cap: cue.cap, weights: perClass((c) => fit.weights[c]![i]!), terms: cue.terms })),
    signals: Object.fromEntries(
      SIGNALS.map(([name], j) => [name, { cap: caps[j]!, weights: perClass((c) => fit.weights[c]![base.cues.length + j]!) }]),
    ),
  };
  SpeakerRulesFile.parse(file); // what the analyzer will accept
  writeFileSync(OUT_FILE, `${JSON.stringify(file, null, 2)}\n`);
  console.log(`train:speaker: ${examples.length} regular posts, λ ${lambda}; wrote ${OUT_FILE} (default rules: ${DEFAULT_SPEAKER_FILE})`);
}

main();
