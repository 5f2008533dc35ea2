/**
 * Grouped k-fold cross-validation of the shipped training: per fold, trainMicrobizModel (heads and inner-CV
 * thresholds) on the other folds' pages, then the fold's passages decided by the shipped decision functions on the
 * compiled (quantized) model. No page is in both training and test. Gives every passage's out-of-fold decisions.
 */
import { AspectName as AspectNames, SpeakerType as SpeakerTypes, type AspectName, type SpeakerType } from '../../analyzed-document.js';
import { compileMicrobizModel, decideAspects, decideSpeaker, modelProbabilities } from './microbiz-model.js';
import { isContactAd, ruleAspects } from './microbiz-features.js';
import { groupFolds, trainMicrobizModel, type MicrobizExample, type MicrobizTrainOptions } from './train-microbiz-model.js';

export interface OutOfFoldDecision {
  speaker: SpeakerType;
  sellerProbability: number;
  aspects: AspectName[];
  fold: number;
}

export function crossValidateMicrobiz(
  examples: readonly MicrobizExample[],
  options: MicrobizTrainOptions,
  folds = 5,
  seed = options.seed,
): { decisions: OutOfFoldDecision[]; thresholds: number[] } {
  const foldOf = groupFolds(examples.map((e) => e.group), folds, seed);
  const decisions: OutOfFoldDecision[] = new Array(examples.length);
  const thresholds: number[] = [];
  const sp = new Float64Array(SpeakerTypes.options.length);
  const as = new Float64Array(AspectNames.options.length);
  const byRules = new Uint8Array(AspectNames.options.length);
  for (let f = 0; f < folds; f++) {
    const model = compileMicrobizModel(trainMicrobizModel(examples.filter((_e, i) => foldOf[i] !== f), options));
    thresholds.push(model.sellerThreshold);
    examples.forEach((e, i) => {
      if (foldOf[i] !== f) return;
      modelProbabilities(model, e.row, sp, as);
      decisions[i] = {
        speaker: decideSpeaker(sp, model.sellerThreshold, isContactAd(e.row, model.bits)).type,
        sellerProbability: sp[SpeakerTypes.options.indexOf('seller_ad')] as number,
        aspects: decideAspects(as, model.aspectThresholds, ruleAspects(e.row, model.bits, byRules)).map((a) => a.aspect),
        fold: f,
      };
    });
  }
  return { decisions, thresholds };
}
