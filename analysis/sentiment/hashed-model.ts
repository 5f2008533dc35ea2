/**
 * The trained layer at prediction time: hashed-feature logistic regression. Takes model data, gives a
 * SentimentModel whose logit() is a sum of weight lookups (one reusable feature buffer, no allocation per call).
 * Training (train/) uses the same `linearScore` so that train and predict can never drift apart.
 */
import { createHash } from 'node:crypto';
import { AnalysisError } from '../errors.js';
import { firstUnitTable } from '../token-classes.js';
import { createFeatureBuffer, extractFeatures, FEATURE_LAYOUT, type FeatureBuffer, type FeatureOptions } from './hashed-features.js';
import type { ModelData } from './model-file.js';
import type { SentimentInput, SentimentModel } from './sentiment-input.js';

/** Features are summed with weight 1/√count so that long reviews and short posts live on one scale. */
export function featureNorm(count: number): number {
  return count > 0 ? 1 / Math.sqrt(count) : 0;
}

/** bias + scale · Σ weights[feature] / √count (training passes float weights and scale 1; prediction int8 + scale). */
export function linearScore(weights: Float32Array | Int8Array, scale: number, bias: number, buf: FeatureBuffer): number {
  let sum = 0;
  const idx = buf.indices;
  for (let i = 0; i < buf.count; i++) sum += weights[idx[i]!]!;
  return bias + sum * scale * featureNorm(buf.count);
}

export function createHashedModel(data: ModelData, bytes: Uint8Array, file = '(buffer)'): SentimentModel {
  if (data.header.layout !== FEATURE_LAYOUT) {
    throw new AnalysisError('MODEL_INCOMPATIBLE', `sentiment model ${file} uses features ${data.header.layout}, this code computes ${FEATURE_LAYOUT}`, { file });
  }
  const negators = new Set(data.header.negators);
  const options: FeatureOptions = { bits: data.header.bits, negators, negatorFirstUnits: firstUnitTable(negators), binary: data.header.binary === true };
  const buf = createFeatureBuffer();
  const hash = createHash('sha1').update(bytes).digest('hex').slice(0, 6);
  return {
    version: `${data.header.release}.${hash}`,
    logit: (input: SentimentInput) => linearScore(data.quantized, data.header.scale, data.header.bias, extractFeatures(input, options, buf)),
  };
}
