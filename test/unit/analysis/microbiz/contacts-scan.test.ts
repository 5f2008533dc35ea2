import { describe, expect, it } from 'vitest';
import {
  CONTACT_PLACEHOLDER,
  KEYWORD_FIRST_CHARS,
  KEYWORD_ID_SOURCE,
  PROMPT_WORD_SOURCE,
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
