/**
 * Loads the shipped sentiment model (model/sentiment-model.psm) or another file. Gives the model and its
 * combination weights, or null when the default file is absent (the analyzer then runs lexicon-only and its
 * version says "model:none"). An explicitly named file that is missing or broken is an error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AnalysisError } from '../errors.js';
import { createHashedModel } from './hashed-model.js';
import { decodeModel } from './model-file.js';
import type { CombineWeights } from './score-sentiment.js';
import type { SentimentModel } from './sentiment-input.js';

export const defaultModelPath = fileURLToPath(new URL('./model/sentiment-model.psm', import.meta.url));

export interface LoadedSentimentModel {
  model: SentimentModel;
  combine: CombineWeights;
}

export function loadSentimentModel(path?: string): LoadedSentimentModel | null {
  const file = path ?? defaultModelPath;
  if (path === undefined && !existsSync(file)) return null;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new AnalysisError('ANALYSIS_RESOURCE_INVALID', `cannot read sentiment model ${file}`, { file }, { cause: error });
  }
  const data = decodeModel(bytes, file);
  return { model: createHashedModel(data, bytes, file), combine: data.header.combine };
}
