/**
 * COMPARISON ONLY, not shipped: the learned 3-class sentiment head microbiz.v1 used to carry. The document's
 * sentiment is the general scorer's (what `npm run eval:sentiment` measures and `pulse analyze` prints); this head
 * gained little on the real passages and called plain complaints neutral, so it was dropped. eval:microbiz prints its
 * cross-validated accuracy next to the scorer's so the trade stays visible. It is what the head was: a softmax over
 * the feature rows' dense slots (the scorer's score and label, the rule layers' views), fitted per fold on the other
 * folds' pages with the shipped fitting code and options — the same folds as the shipped model's cross-validation.
 */
import type { SentimentLabel } from '../analyzed-document.js';
import { fitLinear, link, rowScores } from '../microbiz/model/fit-linear.js';
import { DENSE_FEATURES } from '../microbiz/model/microbiz-features.js';
import { SENTIMENT_CLASSES } from '../microbiz/model/microbiz-model.js';
import { denseOnly, groupFolds, targetsOf, type MicrobizExample, type MicrobizTrainOptions } from '../microbiz/model/train-microbiz-model.js';

/** L2 of the head as it shipped (as the other heads'). */
const L2 = 0.003;

/** Every example's out-of-fold label from the dense-slot softmax. */
export function crossValidatedSentimentHead(examples: readonly MicrobizExample[], options: MicrobizTrainOptions, folds: number, seed: number): SentimentLabel[] {
  const foldOf = groupFolds(examples.map((e) => e.group), folds, seed);
  const rows = examples.map((e) => denseOnly(e.row, options.bits));
  const dims = (1 << options.bits) + DENSE_FEATURES.length;
  const k = SENTIMENT_CLASSES.length;
  const labels: SentimentLabel[] = new Array(examples.length);
  const p = new Float64Array(k);
  for (let f = 0; f < folds; f++) {
    const train = examples.filter((_e, i) => foldOf[i] !== f);
    const fit = fitLinear(
      rows.filter((_r, i) => foldOf[i] !== f),
      targetsOf(train, k, (e) => [e.sentiment]),
      { kind: 'softmax', classes: k, dims, l2: L2, steps: options.steps, rate: options.rate },
    );
    rows.forEach((row, i) => {
      if (foldOf[i] !== f) return;
      rowScores(fit, dims, k, row, p);
      link('softmax', p);
      let best = 0;
      for (let c = 1; c < k; c++) if ((p[c] as number) > (p[best] as number)) best = c;
      labels[i] = SENTIMENT_CLASSES[best] as SentimentLabel;
    });
  }
  return labels;
}
