/**
 * `npm run train:sentiment [-- --data DIR --out FILE]`: trains the shipped sentiment model on DIR/train.tsv (any
 * labeled text) + DIR/weibo_human.tsv (hand-labeled social-media posts: they also train the social model and the
 * gate) (default ../shared/data/sentiment) and writes FILE (default model/sentiment-model.psm).
 * Deterministic: the same files in give the same bytes out (the sha1 printed at the end). Never reads dev.tsv.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSegmenter } from '../../segment.js';
import { loadLexicon } from '../lexicon.js';
import { defaultModelPath } from '../load-sentiment-model.js';
import { readLabeledRows } from './labeled-rows.js';
import { prepareRows } from './prepare-inputs.js';
import { argValue, defaultSentimentDataDir } from './sentiment-data-files.js';
import { defaultRecipe, trainSentimentModel } from './train-sentiment-model.js';

function main(): void {
  const dataDir = argValue(process.argv, '--data', defaultSentimentDataDir);
  const out = argValue(process.argv, '--out', defaultModelPath);
  const started = performance.now();
  const seconds = (): string => ((performance.now() - started) / 1000).toFixed(1);
  const segmenter = createSegmenter();
  const lexicon = loadLexicon();
  const general = readLabeledRows(join(dataDir, 'train.tsv'));
  const social = readLabeledRows(join(dataDir, 'weibo_human.tsv'));
  process.stderr.write(`train:sentiment: ${general.length} + ${social.length} hand-labeled social posts from ${dataDir}\n`);
  const prepared = [prepareRows(general, segmenter, lexicon), prepareRows(social, segmenter, lexicon)] as const;
  process.stderr.write(`train:sentiment: normalized and segmented in ${seconds()} s; training…\n`);
  const model = trainSentimentModel(prepared[0], prepared[1], defaultRecipe, [...lexicon.negators]);
  writeFileSync(out, model.bytes);
  const sha1 = createHash('sha1').update(model.bytes).digest('hex');
  console.log(`wrote ${out}: ${(model.bytes.length / 1024 / 1024).toFixed(2)} MB, sha1 ${sha1}, ${seconds()} s`);
  console.log(`segmenter ${segmenter.version}, lexicon ${lexicon.version}, combine ${JSON.stringify(model.header.combine)}`);
}

main();
