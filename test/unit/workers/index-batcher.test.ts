import { describe, expect, it } from 'vitest';
import { IndexBatcher, IndexItemError, type BulkOutcome } from '../../../workers/index-batcher.js';
import type { AnalyzedDocument } from '../../../analysis/analyzed-document.js';

const doc = (n: number): AnalyzedDocument => ({ docId: n.toString(16).padStart(40, '0') }) as AnalyzedDocument;

/** A bulk function that records what it was sent and answers per the given rule. */
function recorder(answer: (docs: AnalyzedDocument[]) => BulkOutcome | Promise<BulkOutcome> = (d) => ({ indexed: d.length, failed: [] })) {
  const calls: string[][] = [];
  return {
    calls,
    bulk: async (docs: AnalyzedDocument[]) => {
      calls.push(docs.map((d) => d.docId));
      return answer(docs);
    },
  };
}

describe('IndexBatcher', () => {
  it('sends one bulk request when the batch is full', async () => {
    const r = recorder();
    const b = new IndexBatcher(r.bulk, { maxDocs: 3, maxBytes: 1e9, lingerMs: 10_000 });
    await Promise.all([1, 2, 3].map((n) => b.submit(doc(n))));
    expect(r.calls).toHaveLength(1);
    expect(r.calls[0]).toHaveLength(3);
  });

  it('flushes a partial batch after the linger time', async () => {
    const r = recorder();
    const b = new IndexBatcher(r.bulk, { maxDocs: 100, maxBytes: 1e9, lingerMs: 20 });
    await Promise.all([b.submit(doc(1)), b.submit(doc(2))]);
    expect(r.calls).toEqual([[doc(1).docId, doc(2).docId]]);
  });

  it('splits by bytes', async () => {
    const r = recorder();
    const b = new IndexBatcher(r.bulk, { maxDocs: 100, maxBytes: 1, lingerMs: 10_000 });
    await Promise.all([b.submit(doc(1)), b.submit(doc(2))]);
    expect(r.calls).toHaveLength(2);
  });

  it('fails only the rejected document, with its reason and retryability', async () => {
    const bad = doc(2).docId;
    const r = recorder((d) => ({ indexed: d.length - 1, failed: [{ docId: bad, status: 400, reason: 'mapper_parsing_exception', retryable: false }] }));
    const b = new IndexBatcher(r.bulk, { maxDocs: 3, maxBytes: 1e9 });
    const results = await Promise.allSettled([1, 2, 3].map((n) => b.submit(doc(n))));
    expect(results.map((x) => x.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const err = (results[1] as PromiseRejectedResult).reason as IndexItemError;
    expect(err).toBeInstanceOf(IndexItemError);
    expect(err.retryable).toBe(false);
    expect(err.context.docId).toBe(bad);
    expect(err.message).toContain('mapper_parsing_exception');
  });

  it('rejects every waiting job when the whole request fails', async () => {
    const down = Object.assign(new Error('Elasticsearch is not answering'), { code: 'ES_UNAVAILABLE', retryable: true });
    const b = new IndexBatcher(async () => Promise.reject(down), { maxDocs: 2, maxBytes: 1e9 });
    const results = await Promise.allSettled([b.submit(doc(1)), b.submit(doc(2))]);
    expect(results.every((x) => x.status === 'rejected' && x.reason === down)).toBe(true);
  });

  it('indexes a document submitted twice in one batch once and answers both jobs', async () => {
    const r = recorder();
    const b = new IndexBatcher(r.bulk, { maxDocs: 10, maxBytes: 1e9, lingerMs: 10 });
    await Promise.all([b.submit(doc(7)), b.submit(doc(7))]);
    expect(r.calls).toEqual([[doc(7).docId]]);
  });

  it('drain() sends what is pending and waits for it', async () => {
    const r = recorder();
    const b = new IndexBatcher(r.bulk, { maxDocs: 100, maxBytes: 1e9, lingerMs: 60_000 });
    const p = b.submit(doc(1));
    await b.drain();
    await p;
    expect(r.calls).toHaveLength(1);
  });
});
