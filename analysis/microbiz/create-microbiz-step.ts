/**
 * The analyzer's micro-business step (the MicrobizStep contract of analysis/microbiz-step.ts): aspects scored by
 * the analyzer's own sentiment on the word windows of the sentences that mention them, speaker type, and the
 * provisional cluster id (the docId) that the worker replaces through a ClusterStore.
 */
import type { MicrobizStep } from '../microbiz-step.js';
import { defaultAspectRules, detectAspectsInSentences, type AspectRules } from './aspects.js';
import { hasUnit, unitSetOf } from '../unit-set.js';
import { provisionalClusterId } from './cluster-store.js';
import { NEAR_DUPLICATE_VERSION } from './near-duplicates.js';
import { classifySpeaker, defaultSpeakerRules, type SpeakerRules } from './speaker.js';

export interface MicrobizStepOptions {
  /** @default the shipped data/aspects.v2.json */
  aspectRules?: AspectRules;
  /** @default the shipped data/speaker.v3.json */
  speakerRules?: SpeakerRules;
}

// A word made only of these characters ends a sentence (what /^[。！？!?；;\n…]+$/ says, as a table per code unit).
const sentenceEndChar = unitSetOf('。！？!?；;\n…');

function isSentenceEndWord(w: string): boolean {
  if (w.length === 0) return false;
  for (let i = 0; i < w.length; i++) if (!hasUnit(sentenceEndChar, w.charCodeAt(i))) return false;
  return true;
}

/**
 * The text of the sentences `indexes` (ascending), i.e. their words joined: one slice per run of adjacent sentences
 * instead of a join of every word (a page's window holds a hundred words or more).
 */
function windowText(text: string, bounds: readonly number[], indexes: readonly number[]): string {
  let out = '';
  for (let k = 0; k < indexes.length; ) {
    const first = indexes[k] as number;
    let last = first;
    while (++k < indexes.length && indexes[k] === last + 1) last++;
    out += text.slice(bounds[first], bounds[last + 1]);
  }
  return out;
}

/** The step, carrying its version ("mb:aspects.v2+speaker.v3+mh3") so the analyzer can stamp it up front. */
export type VersionedMicrobizStep = MicrobizStep & { readonly version: string };

export function createMicrobizStep(options: MicrobizStepOptions = {}): VersionedMicrobizStep {
  const aspectRules = options.aspectRules ?? defaultAspectRules();
  const speakerRules = options.speakerRules ?? defaultSpeakerRules();
  const version = `mb:${aspectRules.version}+${speakerRules.version}+${NEAR_DUPLICATE_VERSION}`;
  const step: MicrobizStep = (input) => {
    // Sentences as word windows, so each aspect's sentiment is the analyzer's own score of exactly those words.
    const bounds: number[] = [0];
    const wordStarts: number[] = [0];
    let offset = 0;
    for (let i = 0; i < input.words.length; i++) {
      const w = input.words[i] as string;
      offset += w.length;
      if (isSentenceEndWord(w) && offset !== bounds[bounds.length - 1]) {
        bounds.push(offset);
        wordStarts.push(i + 1);
      }
    }
    // jieba's words are consecutive slices of the text they were cut from, so `plain` is their concatenation.
    const text = input.plain !== undefined && input.plain.length === offset ? input.plain : input.words.join('');
    if (bounds[bounds.length - 1] !== text.length) {
      bounds.push(text.length);
      wordStarts.push(input.words.length);
    }
    const aspects = detectAspectsInSentences(
      input.tokens,
      text,
      bounds,
      (indexes) => {
        const window: string[] = [];
        for (const s of indexes) for (let w = wordStarts[s] as number; w < (wordStarts[s + 1] as number); w++) window.push(input.words[w] as string);
        return input.sentimentOf(window, windowText(text, bounds, indexes));
      },
      aspectRules,
    );
    const speaker = classifySpeaker({ text: `${input.title}\n${input.text}`, tokens: input.tokens, contactCount: 0 }, speakerRules);
    return { aspects, speaker, clusterId: provisionalClusterId(input.docId), version };
  };
  return Object.assign(step, { version });
}
