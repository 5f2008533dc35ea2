import { describe, expect, it } from 'vitest';
import { randomStrings } from '../../helpers/random-strings.js';
import { normalizeText, sanitizeText, toHalfWidth } from '../../../analysis/normalize.js';

// normalizeText folds sanitizeText + toHalfWidth into its one scan of the input; on text without links, mentions
// or contacts its `text` must equal the separate passes followed by space folding and trim, and its flags must be
// those of the lone-surrogate regex and the junk ratio.
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const JUNK = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufeff\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufffd]/g;

function expected(t: string): { text: string; flags: string[] } {
  const flags: string[] = [];
  if (LONE.test(t)) flags.push('lone_surrogates');
  if ((t.match(JUNK)?.length ?? 0) / t.length > 0.1) flags.push('binary_junk');
  const text = toHalfWidth(sanitizeText(t)).replace(/ {2,}/g, ' ').trim();
  if (text.length === 0) flags.push('empty');
  else if (!/[\u3400-\u9fff\uf900-\ufaff]/.test(t)) flags.push('no_chinese');
  return { text, flags };
}

describe('normalizeText: one-pass sanitize + half-width', () => {
  const options = { toSimplified: (s: string) => s, maxChars: 50_000 };

  it('equals the separate passes on junk, odd spaces, full width and (lone) surrogates at the edges', () => {
    const texts = [
      '\uD83D好', '好\uD83D', '\uDE00好', '好\uDE00', '\uD83D\uD83D\uDE00', '\uDE00\uDE00', '😀\uDE00',
      '\u0000好\u0000', '\ufffd好\ufffd', '\ufeff开头', '结尾\u200b', '\u3000全角空格\u3000', 'Ａ\tＢ\nＣ\r',
      '\u0085\u00a0\u2028\u2029好', '\u0001\u0002\u0003\u0004好',
    ];
    for (const t of texts) {
      const n = normalizeText(t, options);
      expect({ text: n.text, flags: n.flags }, JSON.stringify(t)).toEqual(expected(t));
    }
  });

  it('equals the separate passes on long texts (beyond the reused buffer) and on texts with only surrogate pairs', () => {
    const long = '好，Ａ\t😀\u0001'.repeat(3000);
    const n = normalizeText(long, options);
    expect({ text: n.text, flags: n.flags }).toEqual(expected(long));
    const pairs = '😀好😀';
    expect(normalizeText(pairs, options).text).toBe(pairs);
    expect(normalizeText('\ufeff好', options).text).toBe('好');
  });

  it('equals the separate passes on random strings of the units that matter', () => {
    const alphabet = ['\u0000', '\u0001', '\ufffd', '\ufeff', '\u200b', '\t', '\n', '\u3000', '\u00a0', 'Ａ', '，', '～', 'a', ' ', '好', '\uD83D', '\uDE00', '😀', '\u2028', '\u0085', '\uff5f'];
    for (const t of randomStrings(alphabet, { count: 3000, seed: 7, minLength: 1, lengthSpan: 14 })) {
      const n = normalizeText(t, options);
      expect({ text: n.text, flags: n.flags }, JSON.stringify(t)).toEqual(expected(t));
    }
  });
});
