/**
 * Public surface of the micro-business layer: contact redaction, aspects, speaker type and copy-paste clusters.
 * Pure functions and an in-memory ClusterStore; the Redis store lives in infra/redis/cluster-store.ts.
 */
export { CONTACT_PLACEHOLDER, redactContacts, type ContactKind, type RedactionResult } from './contacts.js';
export {
  compileAspectRules,
  defaultAspectRules,
  detectAspects,
  detectAspectsInSentences,
  sentenceBounds,
  type AspectRules,
  type SentimentOf,
  type SentencesSentimentOf,
} from './aspects.js';
export {
  classifySpeaker,
  compileSpeakerRules,
  countSpeakerCues,
  countSpeakerSignals,
  defaultSpeakerRules,
  explainSpeaker,
  type SpeakerExplanation,
  type SpeakerInput,
  type SpeakerResult,
  type SpeakerRules,
  type SpeakerSignalName,
} from './speaker.js';
export { analyzeMicrobiz, type MicrobizAnalysis, type MicrobizAnalysisInput } from './analyze-microbiz.js';
export { createMicrobizStep, type MicrobizStepOptions, type VersionedMicrobizStep } from './create-microbiz-step.js';
export { AspectRulesFile, SpeakerCuesFile, SpeakerRulesFile, readRulesFile, DEFAULT_ASPECTS_FILE, DEFAULT_SPEAKER_FILE } from './rules-data.js';
export { BANDS, HASHES, MIN_SHINGLES, NEAR_DUPLICATE_VERSION, ROWS, bands, estimatedSimilarity, signature, type MinHashSignature } from './near-duplicates.js';
export { InMemoryClusterStore, provisionalClusterId, type ClusterStore } from './cluster-store.js';
