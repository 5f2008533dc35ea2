/**
 * Public surface of the micro-business layer: contact redaction, aspects, speaker type and copy-paste clusters.
 * Pure functions and an in-memory ClusterStore; the Redis store lives in infra/redis/cluster-store.ts.
 */
export { CONTACT_PLACEHOLDER, redactContacts, type ContactKind, type RedactionResult } from './contacts.js';
export { BANDS, HASHES, MIN_SHINGLES, NEAR_DUPLICATE_VERSION, ROWS, bands, estimatedSimilarity, signature, type MinHashSignature } from './near-duplicates.js';
export { InMemoryClusterStore, provisionalClusterId, type ClusterStore } from './cluster-store.js';
