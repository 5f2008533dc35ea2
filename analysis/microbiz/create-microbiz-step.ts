/**
 * The analyzer's micro-business step (the MicrobizStep contract of analysis/microbiz-step.ts): speaker type and
 * aspects (each scored by the analyzer's own sentiment on the word windows of the sentences that mention it), decided
 * by the learned model (model/, trained on real passages) over the rules' views and the text's n-grams; and the
 * provisional cluster id (the docId) that the worker replaces through a ClusterStore. The document's sentiment stays
 * the analyzer's. Without a model (`model: null`) the rules decide alone, as before the model existed.
 */
import { AspectName as AspectNames, SpeakerType as SpeakerTypes, type Sentiment } from '../analyzed-document.js';
import type { MicrobizInput, MicrobizStep } from '../microbiz-step.js';
import { defaultAspectRules, detectAspectsInSentences, type AspectRules } from './aspects.js';
import { hasUnit, unitSetOf } from '../unit-set.js';
import { provisionalClusterId } from './cluster-store.js';
import { NEAR_DUPLICATE_VERSION } from './near-duplicates.js';
import { SpeakerSignal } from './rules-data.js';
import { classifySpeaker, defaultSpeakerRules, speakerRuleScores, type SpeakerRules } from './speaker.js';
import { createSparseRow, extractMicrobizFeatures, isContactAd, ruleAspects, type SparseRow } from './model/microbiz-features.js';
import { decideAspects, decideSpeaker, loadMicrobizModel, modelProbabilities, type MicrobizModel } from './model/microbiz-model.js';

export interface MicrobizStepOptions {
  /** @default the shipped data/aspects.v2.json */
  aspectRules?: AspectRules;
  /** @default the shipped data/speaker.v3.json */
  speakerRules?: SpeakerRules;
  /** @default the shipped data/microbiz-model.v2.json; null: the rules alone decide. */
  model?: MicrobizModel | null;
  /**
   * Called with every document's feature row (the model's input), before any decision: how training reads the
   * passages through exactly the analyzer's path. The row is reused; copy it to keep it.
   */
  observe?: (row: SparseRow, bits: number) => void;
  /** Hashed feature bits when there is no model to say (training). @default 14 */
  bits?: number;
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

/** The step, carrying its version ("mb:aspects.v2+speaker.v3+microbiz.v2.abcdef+mh3") so the analyzer can stamp it up front. */
export type VersionedMicrobizStep = MicrobizStep & { readonly version: string };

export function createMicrobizStep(options: MicrobizStepOptions = {}): VersionedMicrobizStep {
  const aspectRules = options.aspectRules ?? defaultAspectRules();
  const speakerRules = options.speakerRules ?? defaultSpeakerRules();
  const model = options.model === undefined ? loadMicrobizModel() : options.model;
  const observe = options.observe;
  const bits = model?.bits ?? options.bits ?? 14;
  const version = `mb:${aspectRules.version}+${speakerRules.version}${model ? `+${model.version}` : ''}+${NEAR_DUPLICATE_VERSION}`;
  // Scratch reused by every document (the step is synchronous).
  const row = createSparseRow();
  const speakerScores = new Float64Array(SpeakerTypes.options.length);
  const signals = new Float64Array(SpeakerSignal.options.length);
  const evidence = new Float64Array(AspectNames.options.length);
  const speakerProbs = new Float64Array(SpeakerTypes.options.length);
  const aspectProbs = new Float64Array(AspectNames.options.length);
  const byRules = new Uint8Array(AspectNames.options.length);
  // Rules' aspect index → AspectName index (the rules file may hold a subset, in AspectName order).
  const ruleToName = aspectRules.names.map((n) => AspectNames.options.indexOf(n));
  const nameToRule = AspectNames.options.map((n) => aspectRules.names.indexOf(n));

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
    const speakerInput = { text: `${input.title}\n${input.text}`, tokens: input.tokens, contactCount: 0 };
    const learned = model !== null || observe !== undefined;
    if (learned) speakerRuleScores(speakerInput, speakerRules, speakerScores, signals);
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
      learned
        ? (ruleEvidence) => {
            evidence.fill(0);
            ruleEvidence.forEach((e, r) => (evidence[ruleToName[r] as number] = e));
            const views = { speakerScores, signals, aspectEvidence: evidence, sentiment: wholeSentiment(input, text) };
            extractMicrobizFeatures(text, input.words, views, bits, row);
            observe?.(row, bits);
            if (model === null) return ruleSelection(ruleEvidence, aspectRules.threshold);
            modelProbabilities(model, row, speakerProbs, aspectProbs);
            // An aspect the rules file does not hold cannot be reported (no terms, no index): left out.
            return decideAspects(aspectProbs, model.aspectThresholds, ruleAspects(row, model.bits, byRules))
              .filter((a) => (nameToRule[a.index] as number) >= 0)
              .map((a) => ({ aspect: nameToRule[a.index] as number, confidence: a.confidence }));
          }
        : undefined,
    );
    const speaker = model ? decideSpeaker(speakerProbs, model.sellerThreshold, isContactAd(row, model.bits)) : classifySpeaker(speakerInput, speakerRules);
    return { aspects, speaker, clusterId: provisionalClusterId(input.docId), version };
  };
  return Object.assign(step, { version });
}

/** The analyzer's sentiment of the whole document (scored again only when the caller did not pass it). */
function wholeSentiment(input: MicrobizInput, text: string): Sentiment {
  return input.sentiment ?? input.sentimentOf(input.words, text);
}

/** What the rules alone report: evidence ≥ threshold, strongest first. */
function ruleSelection(evidence: Float64Array, threshold: number): { aspect: number; confidence: number }[] {
  const out: { aspect: number; confidence: number }[] = [];
  evidence.forEach((e, a) => {
    if (e >= threshold) out.push({ aspect: a, confidence: Math.round((1 - Math.exp(-e)) * 1000) / 1000 });
  });
  return out.sort((x, y) => (evidence[y.aspect] as number) - (evidence[x.aspect] as number));
}
