/**
 * Feature rows for fitting and cross-validating the speaker weights: takes the fixture posts and a hand-written cue
 * file (data/speaker.v3.cues.json), gives one row per post (capped cue-group hits, then capped signals, exactly as
 * speaker.ts scores them) with its label, sample weight and CV group. Reads only the files it is given; the
 * held-out test split lives in its own file, which no caller here passes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SpeakerType } from '../../analyzed-document.js';
import type { Analyzer } from '../../create-analyzer.js';
import type { SpeakerCuesFile, SpeakerRulesFile } from '../rules-data.js';
import { compileSpeakerRules, countSpeakerCues, countSpeakerSignals, type SpeakerRules, type SpeakerSignalName } from '../speaker.js';
import type { SpeakerExample } from './fit-speaker-weights.js';

/** The development splits (regular + hard); the test split is test-posts.jsonl and is never read for fitting. */
export const DEV_POSTS_FILE = fileURLToPath(new URL('../../../test/fixtures/microbiz/posts.jsonl', import.meta.url));

export interface FixturePost {
  id: string;
  split: 'regular' | 'hard' | 'test';
  speaker: string;
  aspects: string[];
  wave?: string;
  style?: 'hard';
  text: string;
}

export function readFixturePosts(file: string): FixturePost[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as FixturePost);
}

/** Rules with the cue file's groups, scopes and caps and no weights: what the counting needs. */
export function unweightedRules(cues: SpeakerCuesFile): SpeakerRules {
  const file: SpeakerRulesFile = {
    version: cues.version,
    bias: {},
    cues: cues.cues.map((c) => ({ ...c, weights: {} })),
    signals: {},
    tailChars: cues.tailChars,
    quoted: { cap: cues.quotedCap, weights: {} },
  };
  return compileSpeakerRules(file);
}

export interface SpeakerDataset {
  posts: FixturePost[];
  examples: SpeakerExample[];
  /** CV group of example i: its wave (copies of one ad stay in one fold) or its id. */
  groupOf: (i: number) => string;
  /** Feature names in row order: cue groups (then "quoted"), then signals. */
  featureNames: string[];
  signalNames: SpeakerSignalName[];
}

export function speakerDataset(posts: readonly FixturePost[], cues: SpeakerCuesFile, analyzer: Analyzer): SpeakerDataset {
  const classes = SpeakerType.options;
  const rules = unweightedRules(cues);
  const signalNames = Object.keys(cues.signals) as SpeakerSignalName[];
  const waveSize = new Map<string, number>();
  for (const p of posts) if (p.wave) waveSize.set(p.wave, (waveSize.get(p.wave) ?? 0) + 1);
  const examples = posts.map((p): SpeakerExample => {
    // The text as the analyzer's step hands it to the classifier: title (none here), newline, normalized body.
    const text = `\n${analyzer.analyzeText(p.text).normalized.text}`;
    const hits = countSpeakerCues(text, rules);
    const signals = countSpeakerSignals(text, 0);
    const label = classes.indexOf(p.speaker as SpeakerType);
    if (label < 0) throw new Error(`speaker dataset: unknown speaker label "${p.speaker}" on ${p.id}`);
    return {
      features: [
        ...Array.from(hits, (h, i) => Math.min(h, rules.cueCaps[i]!)),
        ...signalNames.map((name) => Math.min(signals[name], cues.signals[name]!)),
      ],
      label,
      weight: p.wave ? 1 / waveSize.get(p.wave)! : 1,
    };
  });
  return {
    posts: [...posts],
    examples,
    groupOf: (i) => posts[i]!.wave ?? posts[i]!.id,
    featureNames: [...rules.cueNames, ...signalNames],
    signalNames,
  };
}
