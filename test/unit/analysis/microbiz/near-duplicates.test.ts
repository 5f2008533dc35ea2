import { describe, expect, it } from 'vitest';
import nodejieba from 'nodejieba';
import { BANDS, HASHES, InMemoryClusterStore, MIN_SHINGLES, bands, estimatedSimilarity, redactContacts, signature } from '../../../../analysis/microbiz/index.js';
import { adWave, distinctPosts } from './wave-fixtures.js';
import { createSimdMinHash } from '../../../../analysis/microbiz/minhash-simd.js';

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

  it('spell the rows of each band out, so keys are equal exactly when the rows are', () => {
    const sig = new Uint32Array(HASHES).map((_v, i) => (Math.imul(i + 1, 0x9e3779b1) >>> 16) & 0xffff);
    const keys = bands(sig);
    expect(keys[0]).toMatch(/^mh3:A:[A-Za-z0-9_-]{15}$/);
    const decode = (key: string): number[] => {
      const digits = [...key.slice(6)].map((c) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(c));
      return [0, 1, 2, 3, 4].map((r) => (digits[3 * r]! << 12) | (digits[3 * r + 1]! << 6) | digits[3 * r + 2]!);
    };
    keys.forEach((key, b) => expect(decode(key)).toEqual([...sig.subarray(b * 5, b * 5 + 5)]));
    // One row changed by one bit: only its band's key changes; extreme values stay distinct.
    const other = sig.slice();
    other[7] = (other[7]! ^ 1) & 0xffff;
    expect(bands(other).filter((k, b) => k !== keys[b])).toEqual([bands(other)[1]]);
    expect(bands(new Uint32Array(HASHES).fill(0xffff))[0]).not.toBe(bands(new Uint32Array(HASHES).fill(0))[0]);
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

/** murmur3's finalizer written out independently of the code under test (the reference both checks below use). */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The signature as its doc comment defines it, written the obvious way (one pass per shingle over all HASHES slots,
 * `toLowerCase` per token): the optimised signature() must give exactly these values, or every stored band key of
 * the mh3 scheme would stop matching.
 */
function referenceSignature(tokens: readonly string[]): Uint32Array {
  const fnv = (s: string): number => {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h >>> 0;
  };
  const seeds: number[] = [];
  for (let i = 0, x = 0x2545f491; i < HASHES / 2; i++) seeds.push((x = (Math.imul(x, 1664525) + 1013904223) >>> 0));
  const noise = /^(?:[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f\u00a0\u2000-\u2bff\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\ud83c-\ud83e\udc00-\udfff\ufe0f])+$/;
  const mins = new Uint32Array(HASHES).fill(0xffff);
  let prev = -1;
  let shingles = 0;
  for (const token of tokens) {
    if (token.length === 0 || noise.test(token)) continue;
    const h = fnv(token.toLowerCase());
    if (prev >= 0) {
      const pair = fmix(Math.imul(prev, 0x9e3779b1) ^ h);
      shingles++;
      seeds.forEach((seed, j) => {
        const v = fmix(pair ^ seed);
        mins[2 * j] = Math.min(mins[2 * j] as number, v >>> 16);
        mins[2 * j + 1] = Math.min(mins[2 * j + 1] as number, v & 0xffff);
      });
    }
    prev = h;
  }
  return shingles < MIN_SHINGLES ? new Uint32Array(0) : mins;
}

describe('signature values', () => {
  it('equal the straightforward definition, for Chinese, mixed-case Latin, other scripts and long documents', () => {
    const lists: string[][] = [
      ...adWave.map(tokensOf),
      ...distinctPosts.map(tokensOf),
      ['iPhone', '15', 'Pro', 'MAX', '全新', '未拆封', '！', 'WeChat', 'ＶＸ', 'ΣΑΣ', 'İstanbul', 'Straße', 'ǅemal'],
      ['😀', '。', '好', '，', '的', '🔥', 'OK', 'ok'],
      // Longer than the reused shingle buffer's first size, so the buffer has to grow.
      tokensOf(adWave.join('\n').repeat(6)),
    ];
    for (const tokens of lists) {
      const expected = [...referenceSignature(tokens)];
      expect([...signature(tokens)]).toEqual(expected); // WebAssembly SIMD kernel where available (Node 20 has it)
      expect([...signature(tokens, { simd: false })]).toEqual(expected); // the portable JS loop
    }
  });
});

describe('createSimdMinHash', () => {
  it('exists on this runtime and gives the JS minima for any number of seeds, also when its memory has to grow', () => {
    for (const seedCount of [1, 5, 50]) {
      const seeds = Uint32Array.from({ length: seedCount }, (_v, i) => Math.imul(i + 1, 0x9e3779b1) >>> 0);
      const kernel = createSimdMinHash(seeds);
      expect(kernel).not.toBeNull();
      for (const count of [1, 40, 20_000]) {
        const pairs = kernel!.pairs(count);
        for (let i = 0; i < count; i++) pairs[i] = Math.imul(i + seedCount, 0x2545f491);
        const expected = new Array<number>(2 * seedCount).fill(0xffff);
        for (let i = 0; i < count; i++) {
          for (let j = 0; j < seedCount; j++) {
            const v = fmix((pairs[i] as number) ^ (seeds[j] as number));
            expected[2 * j] = Math.min(expected[2 * j] as number, v >>> 16);
            expected[2 * j + 1] = Math.min(expected[2 * j + 1] as number, v & 0xffff);
          }
        }
        const got = new Uint32Array(2 * seedCount);
        kernel!.run(count, got);
        expect([...got]).toEqual(expected);
      }
    }
  });
});
