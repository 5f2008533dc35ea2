import { describe, expect, it } from 'vitest';
import { randomStrings } from '../../../helpers/random-strings.js';
import {
  CONTACT_PLACEHOLDER,
  DIGIT_RUN,
  EMAIL,
  KEYWORD_FIRST_CHARS,
  KEYWORD_ID_SOURCE,
  PROMPT_WORD_SOURCE,
  redactContacts,
  replaceDigitRuns,
  replaceEmails,
  replaceKeywordIds,
} from '../../../../analysis/microbiz/contacts.js';

// The plain global-regex replacement replaceKeywordIds must equal (what redactContacts ran before the scan).
const byRegex = (text: string): string =>
  text.replace(new RegExp(KEYWORD_ID_SOURCE, 'giu'), (_m, kw: string, glue: string) => kw + glue + CONTACT_PLACEHOLDER);

describe('replaceKeywordIds (prompt word tried only at units that can begin one)', () => {
  it('KEYWORD_FIRST_CHARS holds every unit a prompt word can begin with (checked for every code point)', () => {
    // One tail per alternative of the prompt-word pattern: any code point that, followed by the tail, starts a
    // prompt-word match must have its first unit in the table.
    const tails = ['x', '信', '星', 'eixin', 'echat', '泡泡', 'v', ':', 'q', 'ｑ', '扣', '鹅', '号', '话', '机', 'el', '线', '系方式', '系我', 'all', ''];
    const kw = new RegExp(`(?:${PROMPT_WORD_SOURCE})`, 'iuy');
    const table = KEYWORD_FIRST_CHARS + KEYWORD_FIRST_CHARS.toUpperCase();
    const missing: string[] = [];
    for (let cp = 0; cp <= 0x1faff; cp++) {
      if ((cp >= 0xd800 && cp <= 0xdfff) || (cp > 0xffff && cp < 0x1f000)) continue;
      const ch = String.fromCodePoint(cp);
      for (const tail of tails) {
        kw.lastIndex = 0;
        if (kw.test(ch + tail) && !table.includes(ch[0]!)) missing.push(ch);
      }
    }
    expect(missing).toEqual([]);
  });

  it('finds the same matches as the global regex at edges, in sequences, in all cases and widths', () => {
    const texts = [
      'vx abcdef1',
      '加微信：abc_def12',
      '前文vx:abcdefg',
      'VX abcdefg后文',
      'ＶＸ：abcdefgh',
      'Wechat abcdefgh',
      'weixin:abcdefghi vx:qwerty12 qq:abcdef7',
      'vxvxabcdefg',
      'vx vx abcdefg',
      'wxvx abcdefg',
      'Avx abcdefg', // a letter before the prompt word: no match
      'vx abcdefghijklmnopqrstu', // id too long
      'vx abcde', // id too short
      'Tel: support_team call: helpdesk1',
      '联系方式👉 abcdefg，联系我=zyxwvut',
      '📞 abcdefg 📱abcdefgh ☎️abcdefg',
      '😀vx abcdefg😀',
      '\uD83Dvx abcdefg', // lone high surrogate before the prompt word
      '企鹅号是 penguin1 扣扣 koukou12',
      '➕V abcdefg ＋好友 abcdefg +v: abcdefg',
      'v信 abcdefg v❤abcdefg 绿泡泡abcdefg',
      'q:abcdefg q号abcdefg qq abcdefg ｑｑ abcdefg',
      'tel'.repeat(50) + ' abcdefg',
      '',
      'vx',
      'abcdefg vx',
    ];
    for (const t of texts) expect(replaceKeywordIds(t, () => {}), t).toBe(byRegex(t));
  });

  it('reports each match once with its prompt word', () => {
    const seen: string[] = [];
    replaceKeywordIds('VX abcdefg 加v：hijklmn', (kw) => seen.push(kw));
    expect(seen).toEqual(['VX', '加v']);
  });
});

describe('replaceEmails (EMAIL tried only at the start each @ allows)', () => {
  const byEmailRegex = (text: string): string => text.replace(EMAIL, () => CONTACT_PLACEHOLDER);
  const scan = (text: string): string => replaceEmails(text, () => {});

  it('finds the same matches as the global regex at edges, with long local parts and several @', () => {
    const texts = [
      'a@b.cn',
      'ab@c.cn',
      '联系ab@c.cn结尾',
      '@ab.cn',
      'ab@',
      'ab@c',
      'ab@c.d',
      'x'.repeat(64) + '@mail.com',
      'x'.repeat(65) + '@mail.com', // the regex takes the last 64 local units
      'x'.repeat(200) + '@mail.com',
      'a@b@c.com',
      'ab@cd@ef.com',
      'ab@c.com@d.com',
      'one@a.com two@b.org,three@c.net',
      'ab@c.com.cn.x',
      'ab@-.com',
      'ab@bad gh@good.com',
      'A.B+C%D@Example.COM',
      '\u212Aa@b.cn \u017Fb@c.cn', // KELVIN SIGN and LONG S fold into the local part under 'iu'
      '😀ab@c.cn😀',
      '[邮箱]ab_c-d@x-y.com',
      '',
      '@@@',
    ];
    for (const t of texts) expect(scan(t), JSON.stringify(t)).toBe(byEmailRegex(t));
  });

  it('finds the same matches as the global regex on random strings', () => {
    const alphabet = ['a', 'B', '1', '.', '-', '_', '@', 'com', ' ', '好', '\u212A', 'x'.repeat(30), '😀', '@a.cn'];
    for (const t of randomStrings(alphabet, { count: 5000, seed: 3, lengthSpan: 14 })) {
      expect(scan(t), JSON.stringify(t)).toBe(byEmailRegex(t));
    }
  });
});

describe('replaceDigitRuns (sticky runs from a plain digit-start search)', () => {
  // Records every call and replaces runs of even length, so both kept and replaced runs are exercised.
  function run(text: string, how: 'regex' | 'scan'): { out: string; calls: string[] } {
    const calls: string[] = [];
    const replacer = (r: string, offset: number, whole: string): string => {
      calls.push(`${offset}:${r}:${whole === text}`);
      return r.length % 2 === 0 ? '#' : r;
    };
    const out = how === 'regex' ? text.replace(DIGIT_RUN, replacer) : replaceDigitRuns(text, replacer);
    return { out, calls };
  }

  it('calls the replacer with the same runs and offsets as the global regex', () => {
    const texts = [
      '13812345678',
      '电话138 1234 5678结尾',
      '1',
      'a1b22c333',
      '1️⃣3️⃣9️⃣1️⃣2️⃣',
      '①②③❶❷➀➊',
      '𝟏𝟑𝟖𝟎𝟎',
      '\uD835\uDC00 1', // U+1D400 (a math letter, not a digit) after the surrogate
      '\uD835',
      '\uD8351',
      '1😀😀😀2 1😀😀😀😀2',
      '1---2----3',
      '2023年10月15日，价格99元',
      '１２３４５６７８９０',
      '',
      '没有数字',
    ];
    for (const t of texts) expect(run(t, 'scan'), JSON.stringify(t)).toEqual(run(t, 'regex'));
  });

  it('matches the global regex on random strings', () => {
    const alphabet = ['1', '9', '０', '①', '𝟗', '\uD835', '\uFE0F', '\u20E3', ' ', '-', '😀', '好', 'a', '\n', '.'];
    for (const t of randomStrings(alphabet, { count: 5000, seed: 11, lengthSpan: 16 })) {
      expect(run(t, 'scan'), JSON.stringify(t)).toEqual(run(t, 'regex'));
    }
  });
});

describe('redactContacts prechecks never hide a match', () => {
  it('an id starting with KELVIN SIGN or LONG S (letters under the i+u flags) passes the non-u precheck', () => {
    for (const id of ['\u212Aabcdefg', 'a\u017fbcdefg', 'abcde\u212A']) {
      const text = `vx ${id}`;
      expect(byRegex(text)).toBe(`vx ${CONTACT_PLACEHOLDER}`);
      expect(redactContacts(text).text).toBe(`vx ${CONTACT_PLACEHOLDER}`);
    }
  });

  it('wxid ids and Chinese-numeral phones at the string edges are still found', () => {
    expect(redactContacts('WXID_abcd1234').count).toBe(1);
    expect(redactContacts('一三八一二三四五六七八').text).toBe(CONTACT_PLACEHOLDER);
    expect(redactContacts('幺五九 一二三四 五六七八').count).toBe(1);
    expect(redactContacts('一三八一二三四五六七').count).toBe(0); // ten numerals
  });
});
