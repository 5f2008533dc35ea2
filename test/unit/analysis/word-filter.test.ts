import { describe, expect, it } from 'vitest';
import { mayContain, wordFilter } from '../../../analysis/token-classes.js';
import { loadLexicon } from '../../../analysis/sentiment/lexicon.js';

describe('wordFilter / mayContain', () => {
  it('never rejects a word of the set and always lets the empty word through', () => {
    const words = ['不', '没有', '😀好', 'ok', '割韭菜', '😃'];
    const filter = wordFilter(words);
    for (const w of words) expect(mayContain(filter, w)).toBe(true);
    expect(mayContain(filter, '')).toBe(true);
  });

  it('rejects nearly every other word, also those sharing a first unit with a member', () => {
    const lexicon = loadLexicon();
    const filter = lexicon.entryFilter;
    for (const w of lexicon.entries.keys()) expect(mayContain(filter, w)).toBe(true);
    // Non-members built from members: same first unit, other length or other last unit (what a first-unit table let through).
    const others = [...lexicon.entries.keys()].flatMap((w) => [`${w}了`, `${w}${w}`, `我${w}`]).filter((w) => !lexicon.entries.has(w));
    const passed = others.filter((w) => mayContain(filter, w)).length;
    expect(others.length).toBeGreaterThan(1000);
    expect(passed / others.length).toBeLessThan(0.05);
  });
});
