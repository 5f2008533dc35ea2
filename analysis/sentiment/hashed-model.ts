/**
 * The trained layer at prediction time: hashed-feature logistic regressions. Takes model data, gives a
 * SentimentModel whose outputs() are sums of weight lookups over one feature extraction (general model, social
 * model and gate share the features; one reusable buffer, no allocation per call). Training (train/) scores its
 * held-out rows through this very function, so train and predict can never drift apart.
 */
import { createHash } from 'node:crypto';
import { AnalysisError } from '../errors.js';
import { wordFilter } from '../token-classes.js';
import { createFeatureBuffer, extractFeatures, FEATURE_LAYOUT, type FeatureBuffer, type FeatureOptions } from './hashed-features.js';
import type { ModelData } from './model-file.js';
import type { ModelOutputs, SentimentInput, SentimentModel } from './sentiment-input.js';

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

/**
 * Σ int8 weights of the features in the general table and in the social and gate tables (smaller: their index is
 * the general index shifted right), in one pass over the features; scaled by the caller. Separate compact tables
 * (3.5 MB) measured faster than one interleaved 8 MB table: they stay in cache better.
 */
function partSums(data: ModelData, social: Int8Array, socialShift: number, gate: Int8Array, gateShift: number, buf: FeatureBuffer, sums: Float64Array): void {
  const general = data.quantized;
  let g = 0;
  let s = 0;
  let t = 0;
  const idx = buf.indices;
  for (let i = 0; i < buf.count; i++) {
    const k = idx[i]!;
    g += general[k]!;
    s += social[k >>> socialShift]!;
    t += gate[k >>> gateShift]!;
  }
  sums[0] = g;
  sums[1] = s;
  sums[2] = t;
}

export function createHashedModel(data: ModelData, bytes: Uint8Array, file = '(buffer)'): SentimentModel {
  if (data.header.layout !== FEATURE_LAYOUT) {
    throw new AnalysisError('MODEL_INCOMPATIBLE', `sentiment model ${file} uses features ${data.header.layout}, this code computes ${FEATURE_LAYOUT}`, { file });
  }
  const negators = new Set(data.header.negators);
  const options: FeatureOptions = { bits: data.header.bits, negators, negatorFilter: wordFilter(negators), binary: data.header.binary === true };
  const buf = createFeatureBuffer();
  const hash = createHash('sha1').update(bytes).digest('hex').slice(0, 6);
  const { social, gate } = data.header;
  const version = `${data.header.release}.${hash}`;
  if (!social && !gate) {
    return {
      version,
      outputs: (input) => ({ general: linearScore(data.quantized, data.header.scale, data.header.bias, extractFeatures(input, options, buf)), social: 0, gate: 0 }),
    };
  }
  const bits = data.header.bits;
  const none = new Int8Array(1); // a missing part reads weight 0 at index 0 (shift = bits)
  const socialTable = data.social ?? none;
  const gateTable = data.gate ?? none;
  const socialShift = social ? bits - social.bits : bits;
  const gateShift = gate ? bits - gate.bits : bits;
  const sums = new Float64Array(3);
  return {
    version,
    outputs(input: SentimentInput): ModelOutputs {
      extractFeatures(input, options, buf);
      partSums(data, socialTable, socialShift, gateTable, gateShift, buf, sums);
      const norm = featureNorm(buf.count);
      return {
        general: data.header.bias + sums[0]! * data.header.scale * norm,
        social: social ? social.bias + sums[1]! * social.scale * norm : 0,
        gate: gate ? 1 / (1 + Math.exp(-(gate.bias + sums[2]! * gate.scale * norm))) : 0,
      };
    },
  };
}
