/**
 * Loads and validates the versioned rule files in analysis/microbiz/data/ (aspect vocabulary, speaker cues).
 * Reads files only when asked (never at import); a malformed file is an ANALYSIS_RESOURCE_INVALID error naming it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AnalysisError } from '../errors.js';
import { AspectName, SpeakerType } from '../analyzed-document.js';

const Weights = z.record(z.string().min(1), z.number().positive());

export const AspectRulesFile = z.object({
  version: z.string().min(1),
  threshold: z.number().positive(),
  aspects: z.partialRecord(
    AspectName,
    z.object({ terms: Weights, words: Weights.default({}), exclude: z.array(z.string().min(1)).default([]) }),
  ),
});
export type AspectRulesFile = z.infer<typeof AspectRulesFile>;

const ClassWeights = z.partialRecord(SpeakerType, z.number());

/** Signals speaker.ts counts in code, in the order it computes them. */
export const SpeakerSignal = z.enum(['contacts', 'prices', 'emoji', 'exclamations', 'questions', 'firstPerson', 'secondPerson', 'hashtags', 'longText', 'impersonal']);

export const SpeakerRulesFile = z.object({
  version: z.string().min(1),
  bias: ClassWeights,
  /** Groups of phrases; each hit adds `weights`, up to `cap` hits per group. */
  cues: z.array(z.object({ name: z.string().min(1), cap: z.number().int().positive(), weights: ClassWeights, terms: z.array(z.string().min(1)).min(1) })),
  /** Signals computed in code (see speaker.ts); each adds weights × its value (already capped there). */
  signals: z.partialRecord(SpeakerSignal, z.object({ cap: z.number().positive(), weights: ClassWeights })),
});
export type SpeakerRulesFile = z.infer<typeof SpeakerRulesFile>;

export const DEFAULT_ASPECTS_FILE = fileURLToPath(new URL('./data/aspects.v1.json', import.meta.url));
export const DEFAULT_SPEAKER_FILE = fileURLToPath(new URL('./data/speaker.v2.json', import.meta.url));

export function readRulesFile<S extends z.ZodType>(schema: S, file: string): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new AnalysisError('ANALYSIS_RESOURCE_INVALID', `cannot read micro-business rules ${file}: ${(err as Error).message}`, { file }, { cause: err });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AnalysisError('ANALYSIS_RESOURCE_INVALID', `invalid micro-business rules ${file}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`, { file });
  }
  return parsed.data;
}
