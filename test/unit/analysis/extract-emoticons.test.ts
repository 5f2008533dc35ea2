import { describe, expect, it } from 'vitest';
import { randomStrings } from '../../helpers/random-strings.js';
import { EMOTICON_OR_EMOJI, extractEmoticons } from '../../../analysis/extract-emoticons.js';

// What normalizeText did before the scan: one global regex replace.
function byRegex(text: string): { plain: string; found: string[] } {
  const found: string[] = [];
  const blanked = text.replace(EMOTICON_OR_EMOJI, (m) => {
    found.push(m);
    return ' ';
  });
  return { plain: found.length > 0 ? blanked : text, found };
}

function byScan(text: string): { plain: string; found: string[] } {
  const found: string[] = [];
  return { plain: extractEmoticons(text, found), found };
}

describe('extractEmoticons (table-driven scan equal to the EMOTICON_OR_EMOJI regex)', () => {
  it('matches the regex on emoticons at edges, nested/unclosed brackets, emoji with ZWJ and variation selectors', () => {
    const texts = [
      '[哈哈]',
      '[哈哈]好[心]',
      '开头[哈哈哈哈哈哈哈哈]结尾', // eight letters: an emoticon
      '[哈哈哈哈哈哈哈哈哈]', // nine: not one
      '[]',
      '[[哈哈]]',
      '[哈哈',
      '哈哈]',
      '[ok][OK][a1]',
      '[ 哈 ]',
      '😀',
      '好😀😀好',
      '👨‍👩‍👧‍👦 family',
      '❤️❤️‍🔥',
      '☺️x',
      '©️ ® ™',
      '👍🏻', // skin tone modifier is not Extended_Pictographic: only 👍 matches
      '😀\u200D', // ZWJ at the end: not part of the match
      '😀\u200Dx',
      '😀\uFE0F\uFE0F\u200D😀\uFE0F',
      '\uD83D', // lone high surrogate
      '\uDE00😀', // lone low surrogate, then an emoji
      '😀\uD83D',
      '[哈😀]',
      '[微笑]😀[微笑]',
      '',
      '纯文本没有表情',
      '𠀀[哈哈]𠀀', // astral CJK around an emoticon
      '🀄🃏🄰🅰️🆎', // plane-1 pictographs and non-pictographs
      '\u{1FFFD}\u{20000}\u{E0001}',
    ];
    for (const t of texts) expect(byScan(t), JSON.stringify(t)).toEqual(byRegex(t));
  });

  it('matches the regex on random strings of the units that matter', () => {
    const alphabet = ['[', ']', '哈', 'a', 'Z', '1', ' ', '😀', '❤', '\uFE0F', '\u200D', '\uD83D', '\uDE00', '🏻', '©', '𠀀', '，'];
    for (const t of randomStrings(alphabet, { count: 3000, seed: 12345, lengthSpan: 16 })) {
      expect(byScan(t), JSON.stringify(t)).toEqual(byRegex(t));
    }
  });

  it('returns the same string when there is nothing to take out', () => {
    const t = '今天天气不错，出去走走';
    expect(extractEmoticons(t, [])).toBe(t);
  });
});
