/**
 * ClusterStore: where copy-paste clusters live. `assign` gives a document the cluster of any earlier document that
 * shares an LSH band with it, else founds a cluster whose id is the document's own docId. Same docId → same answer.
 * This file holds the contract and an in-memory store (tests, single-process CLI runs); Redis: infra/redis.
 */
import type { MinHashSignature } from './near-duplicates.js';

export interface ClusterStore {
  /**
   * Cluster id of `docId`. If `docId` was assigned before, returns that answer unchanged (idempotent re-runs).
   * Otherwise joins the cluster of the first band already claimed (the smallest cluster id when bands disagree,
   * so the answer does not depend on band order), or founds cluster `docId`; then claims its unclaimed bands.
   * `signature` is passed for stores that verify candidates; the band keys are what decide.
   */
  assign(docId: string, signature: MinHashSignature, bands: readonly string[]): Promise<string>;
}

/** Cluster id a document has before (or without) a ClusterStore: its own docId, as if it founded a cluster. */
export function provisionalClusterId(docId: string): string {
  return docId;
}

/** Process-local ClusterStore with the same semantics as the Redis one. Unbounded: for tests and small CLI runs. */
export class InMemoryClusterStore implements ClusterStore {
  private readonly docs = new Map<string, string>();
  private readonly bandOwners = new Map<string, string>();

  assign(docId: string, _signature: MinHashSignature, bands: readonly string[]): Promise<string> {
    const known = this.docs.get(docId);
    if (known !== undefined) return Promise.resolve(known);
    let clusterId: string | undefined;
    for (const band of bands) {
      const owner = this.bandOwners.get(band);
      if (owner !== undefined && (clusterId === undefined || owner < clusterId)) clusterId = owner;
    }
    clusterId ??= provisionalClusterId(docId);
    this.docs.set(docId, clusterId);
    for (const band of bands) if (!this.bandOwners.has(band)) this.bandOwners.set(band, clusterId);
    return Promise.resolve(clusterId);
  }

  /** Number of documents assigned so far. */
  get size(): number {
    return this.docs.size;
  }
}
