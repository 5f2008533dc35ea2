import { describe, expect, it } from 'vitest';
import { createTermMatcher, type TermEntry } from '../../../../analysis/microbiz/term-matcher.js';

/** The matcher's contract written the slow, obvious way: every start position, longer terms first, ties in input order. */
function referenceHits(entries: readonly TermEntry<number>[], text: string): [number, number][] {
  const byLength = entries.map((e, order) => ({ e, order })).filter(({ e }) => e.term.length > 0);
  byLength.sort((a, b) => b.e.term.length - a.e.term.length || a.order - b.order);
  const out: [number, number][] = [];
  for (let i = 0; i < text.length; i++) for (const { e } of byLength) if (text.startsWith(e.term, i)) out.push([e.payload, i]);
  return out;
}

const hits = (entries: readonly TermEntry<number>[], text: string): [number, number][] => {
  const out: [number, number][] = [];
  createTermMatcher(entries).scan(text, (entry, i) => out.push([entry.payload, i]));
  return out;
};

describe('createTermMatcher', () => {
  it('reports overlapping terms in text order, longer first at one position, equal terms in input order', () => {
    const entries = [
      { term: '亏', payload: 0 },
      { term: '幸亏', payload: 1 },
      { term: '亏损', payload: 2 },
      { term: '亏', payload: 3 },
      { term: '', payload: 4 },
    ];
    expect(hits(entries, '幸亏没亏损')).toEqual([
      [1, 0],
      [0, 1],
      [3, 1],
      [2, 3],
      [0, 3],
      [3, 3],
    ]);
    expect(createTermMatcher(entries).size).toBe(4);
  });

  it('agrees with the obvious algorithm on random texts over a small alphabet (prefix-sharing terms, emoji halves)', () => {
    const alphabet = ['微', '商', '代', '理', '加', 'V', 'v', '\ud83d', '\ude00', '，'];
    let seed = 7;
    const pick = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const word = (max: number): string => Array.from({ length: 1 + pick(max) }, () => alphabet[pick(alphabet.length)]).join('');
    for (let round = 0; round < 50; round++) {
      const entries = Array.from({ length: 1 + pick(12) }, (_v, payload) => ({ term: word(4), payload }));
      const text = word(60);
      expect(hits(entries, text)).toEqual(referenceHits(entries, text));
    }
  });
});
