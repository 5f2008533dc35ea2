import { describe, expect, it } from 'vitest';
import { deriveTitle } from '../../../crawlers/extract/derive-title.js';

describe('deriveTitle (a JSON source without fields.title)', () => {
  it('takes the first sentence of the text', () => {
    expect(deriveTitle('代理说囤货能赚钱。结果货全压在手里！')).toBe('代理说囤货能赚钱。');
    expect(deriveTitle('Version 3.5 is out. Read more')).toBe('Version 3.5 is out.');
    expect(deriveTitle('  没有标点的短帖\n第二行 ')).toBe('没有标点的短帖 第二行');
  });

  it('clips a long sentence to the limit with an ellipsis, and gives nothing for no text', () => {
    const long = '微'.repeat(60) + '。';
    expect(deriveTitle(long)).toBe(`${'微'.repeat(39)}…`);
    expect([...deriveTitle(long)]).toHaveLength(40);
    expect(deriveTitle('')).toBe('');
  });
});
