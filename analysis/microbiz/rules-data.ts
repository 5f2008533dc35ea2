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

/** Where a cue group's hits count: anywhere (default), or only when they start in the last `tailChars` characters. */
export const CueScope = z.enum(['any', 'tail']);

const SpeakerCue = z.object({
  name: z.string().min(1),
  cap: z.number().int().positive(),
  scope: CueScope.optional(),
  terms: z.array(z.string().min(1)).min(1),
});

export const SpeakerRulesFile = z.object({
  version: z.string().min(1),
  bias: ClassWeights,
  /** Groups of phrases; each hit adds `weights`, up to `cap` hits per group. */
  cues: z.array(SpeakerCue.extend({ weights: ClassWeights })),
  /** Signals computed in code (see speaker.ts); each adds weights × its value (already capped there). */
  signals: z.partialRecord(SpeakerSignal, z.object({ cap: z.number().positive(), weights: ClassWeights })),
  /** Characters that count as the end of a post for `scope: "tail"` cues (v3 on). */
  tailChars: z.number().int().positive().optional(),
  /**
   * v3 on: a cue hit that starts inside quotation marks (“…”, ‘…’, 「…」, 『…』, "…") counts here instead of in its
   * own group: a slogan quoted in a complaint or a news item is not the writer's own pitch.
   */
  quoted: z.object({ cap: z.number().int().positive(), weights: ClassWeights }).optional(),
});
export type SpeakerRulesFile = z.infer<typeof SpeakerRulesFile>;

/**
 * The hand-written input of `npm run train:speaker` (data/speaker.v3.cues.json): phrase groups, caps and scopes, the
 * signals to weigh with their caps; no weights (the trainer fits them and writes the rules file).
 */
export const SpeakerCuesFile = z.object({
  version: z.string().min(1),
  tailChars: z.number().int().positive(),
  quotedCap: z.number().int().positive(),
  cues: z.array(SpeakerCue),
  signals: z.partialRecord(SpeakerSignal, z.number().positive()),
});
export type SpeakerCuesFile = z.infer<typeof SpeakerCuesFile>;

export const DEFAULT_ASPECTS_FILE = fileURLToPath(new URL('./data/aspects.v2.json', import.meta.url));
export const DEFAULT_SPEAKER_FILE = fileURLToPath(new URL('./data/speaker.v3.json', import.meta.url));

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
