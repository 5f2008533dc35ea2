import { describe, expect, it } from 'vitest';
import nodejieba from 'nodejieba';
import { BANDS, HASHES, InMemoryClusterStore, bands, estimatedSimilarity, redactContacts, signature } from '../../../../analysis/microbiz/index.js';
import { adWave, distinctPosts } from './wave-fixtures.js';

// The real segmenter, as the analyzer runs it; contacts are redacted first, as in normalization.
const tokensOf = (text: string): string[] => nodejieba.cut(redactContacts(text).text);

describe('signature and bands', () => {
  it('are deterministic and sized', () => {
    const a = signature(tokensOf(adWave[0] as string));
    const b = signature(tokensOf(adWave[0] as string));
    expect(a.length).toBe(HASHES);
    expect(bands(a)).toEqual(bands(b));
    expect(bands(a)).toHaveLength(BANDS);
    expect(new Set(bands(a)).size).toBe(BANDS);
  });

  it('give no bands to texts too short to call a copy', () => {
    expect(signature([]).length).toBe(0);
    expect(bands(signature(['好的']))).toEqual([]);
    expect(bands(signature(['好', '的', '！']))).toEqual([]);
  });

  it('rate copies of one ad as similar and different posts as dissimilar', () => {
    const base = signature(tokensOf(adWave[0] as string));
    for (const copy of adWave.slice(1)) expect(estimatedSimilarity(base, signature(tokensOf(copy)))).toBeGreaterThan(0.5);
    for (const other of distinctPosts) expect(estimatedSimilarity(base, signature(tokensOf(other)))).toBeLessThan(0.2);
  });
});

describe('InMemoryClusterStore', () => {
  it('collapses an ad wave of near-identical posts into one cluster founded by the first post', async () => {
    const store = new InMemoryClusterStore();
    const ids = await Promise.all(
      adWave.map((text, i) => {
        const sig = signature(tokensOf(text));
        return store.assign(`ad-${i}`, sig, bands(sig));
      }),
    );
    expect(new Set(ids)).toEqual(new Set(['ad-0']));
  });

  it('keeps distinct posts in clusters of their own', async () => {
    const store = new InMemoryClusterStore();
    const ids: string[] = [];
    for (const [i, text] of distinctPosts.entries()) {
      const sig = signature(tokensOf(text));
      ids.push(await store.assign(`post-${i}`, sig, bands(sig)));
    }
    expect(ids).toEqual(distinctPosts.map((_t, i) => `post-${i}`));
  });

  it('answers a re-assigned docId with its first cluster id', async () => {
    const store = new InMemoryClusterStore();
    const sig0 = signature(tokensOf(adWave[0] as string));
    const sig1 = signature(tokensOf(adWave[1] as string));
    const other = signature(tokensOf(distinctPosts[0] as string));
    expect(await store.assign('a', sig0, bands(sig0))).toBe('a');
    expect(await store.assign('b', sig1, bands(sig1))).toBe('a');
    // Same docId, now with other content (an edit): the first answer stands.
    expect(await store.assign('b', other, bands(other))).toBe('a');
    expect(await store.assign('a', sig0, bands(sig0))).toBe('a');
    expect(store.size).toBe(2);
  });

  it('lets a document without bands found its own cluster', async () => {
    const store = new InMemoryClusterStore();
    expect(await store.assign('x', signature([]), [])).toBe('x');
    expect(await store.assign('y', signature([]), [])).toBe('y');
  });
});
