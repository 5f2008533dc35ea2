/**
 * `npm run train:microbiz`: trains the learned micro-business model (speaker, aspects; the document sentiment stays the general scorer's) on the real
 * labelled passages of ../shared/data/microbiz-real/passages.tsv (read at run time; the repository keeps only the
 * weights) and writes analysis/microbiz/data/microbiz-model.v2.json. Every passage goes through the production
 * analyzer to its feature row (real-passages.ts); thresholds come from an inner cross-validation grouped by page.
 * Deterministic (fixed seed, full-batch fitting): the same data in gives the same file out, byte for byte.
 * `--check` trains and reports without writing; `--data FILE` reads another passages file.
 */
import { writeFileSync } from 'node:fs';
import { argValue } from '../../sentiment/train/sentiment-data-files.js';
import { DEFAULT_MICROBIZ_MODEL_FILE, MicrobizModelFile } from '../model/microbiz-model.js';
import { DEFAULT_REAL_PASSAGES_FILE, passageExamples, readRealPassages } from '../model/real-passages.js';
import { DEFAULT_TRAIN_OPTIONS, trainMicrobizModel } from '../model/train-microbiz-model.js';

function main(): void {
  const dataFile = argValue(process.argv, '--data', DEFAULT_REAL_PASSAGES_FILE);
  const passages = readRealPassages(dataFile);
  if (passages === null) {
    console.error(`train:microbiz: ${dataFile} not found — the real passages live in ../shared/data/microbiz-real next to the repository; nothing trained`);
    process.exitCode = 1;
    return;
  }
  const started = performance.now();
  const options = DEFAULT_TRAIN_OPTIONS;
  const examples = passageExamples(passages, options.bits);
  const file = trainMicrobizModel(examples, options);
  const pages = new Set(passages.map((p) => p.url)).size;
  const out: MicrobizModelFile = {
    $comment:
      `Learned micro-business model (speaker type, aspects) written by \`npm run train:microbiz\` from ` +
      `${passages.length} real passages of ${pages} public pages (../shared/data/microbiz-real/passages.tsv; the text is not here, only ` +
      `weights). Linear heads over hashed character 1-2-grams and jieba words (speaker: these alone; aspects: also the rule layers' views); seller_ad is called only at ` +
      `P ≥ sellerThreshold (inner ${options.innerFolds}-fold CV by page: precision ≥ ${options.sellerMinPrecision} at it and every stricter threshold). Model card: ` +
      `analysis/microbiz/data/README.md. Licence of the weights: as the repository.`,
    ...file,
    training: {
      passages: passages.length,
      pages,
      bits: options.bits,
      l2: options.l2,
      steps: options.steps,
      rate: options.rate,
      speakerDense: options.speakerDense,
      innerFolds: options.innerFolds,
      seed: options.seed,
      sellerMinPrecision: options.sellerMinPrecision,
    },
  };
  MicrobizModelFile.parse(out); // what the analyzer will accept
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const summary = `${passages.length} passages (${pages} pages), seller_ad threshold ${file.sellerThreshold}, aspect thresholds ${file.aspectThresholds.join('/')}, ${seconds} s`;
  if (process.argv.includes('--check')) {
    console.log(`train:microbiz --check: ${summary}; nothing written`);
    return;
  }
  writeFileSync(DEFAULT_MICROBIZ_MODEL_FILE, `${JSON.stringify(out, null, 1)}\n`);
  console.log(`train:microbiz: ${summary}; wrote ${DEFAULT_MICROBIZ_MODEL_FILE}`);
}

main();
