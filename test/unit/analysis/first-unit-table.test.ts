import { describe, expect, it } from 'vitest';
import { firstUnitTable, mayContain } from '../../../analysis/token-classes.js';

describe('firstUnitTable / mayContain', () => {
  it('never rejects a word of the set, rejects words whose first unit no member has, and always lets the empty word through', () => {
    const words = ['不', '没有', '😀好', 'ok'];
    const table = firstUnitTable(words);
    for (const w of words) expect(mayContain(table, w)).toBe(true);
    expect(mayContain(table, '不错')).toBe(true); // same first unit: the Set lookup decides
    expect(mayContain(table, '很好')).toBe(false);
    expect(mayContain(table, 'OK')).toBe(false);
    expect(mayContain(table, '😃')).toBe(true); // same high surrogate as 😀
    expect(mayContain(table, '')).toBe(true);
  });
});
