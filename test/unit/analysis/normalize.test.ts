import { describe, expect, it } from 'vitest';
import { normalizeText, sanitizeText } from '../../../analysis/normalize.js';
import { createToSimplified } from '../../../analysis/to-simplified.js';

const toSimplified = createToSimplified();
const normalize = (text: string, maxChars = 50_000) => normalizeText(text, { toSimplified, maxChars });

describe('normalizeText', () => {
  it('turns full-width letters, digits and punctuation into half width', () => {
    const n = normalize('ＶＩＰ会员只要９９元！（限时）');
    expect(n.text).toBe('VIP会员只要99元!(限时)');
  });

  it('converts traditional to simplified, phrases included', () => {
    expect(normalize('這個產品質量很差，軟體也不好用').text).toBe('这个产品质量很差,软体也不好用');
    expect(normalize('臺灣的朋友說囤貨壓貨很常見').text).toBe('台湾的朋友说囤货压货很常见');
  });

  it('leaves plain simplified text alone (么 and 才 are not traditional)', () => {
    expect(normalize('怎么才到货，真是的').text).toBe('怎么才到货,真是的');
  });

  it('removes URLs and @mentions from the text but keeps them as fields', () => {
    const n = normalize('//@小美的微商日记: 转发这条 @张三 看看 http://t.cn/A6xYz9 还有 https://example.com/a?b=1。');
    expect(n.links).toEqual(['http://t.cn/A6xYz9', 'https://example.com/a?b=1']);
    expect(n.mentions).toEqual(['小美的微商日记', '张三']);
    expect(n.text).not.toMatch(/http|@|t\.cn/);
    expect(n.text).toContain('转发这条');
  });

  it('keeps Weibo emoticons and emoji in the text, lists them, and blanks them in the segmenter input', () => {
    const n = normalize('终于退款了[哈哈][哈哈]😂 客服还行👍');
    expect(n.emoticons).toEqual(['[哈哈]', '[哈哈]', '😂', '👍']);
    expect(n.text).toContain('[哈哈]');
    expect(n.plain).not.toContain('[哈哈]');
    expect(n.plain).not.toContain('👍');
  });

  it('reads full-width emoticon brackets as emoticons', () => {
    expect(normalize('被骗了［泪］').emoticons).toEqual(['[泪]']);
  });

  it('folds whitespace: tabs, newlines, ideographic and no-break spaces become one space', () => {
    expect(normalize('  第一行\n\n第二行\t\t第三行\u3000\u3000第四行\u00a0 ').text).toBe('第一行 第二行 第三行 第四行');
  });

  it('flags empty and non-Chinese text', () => {
    expect(normalize('   ').flags).toContain('empty');
    expect(normalize('Great product, fast shipping!').flags).toContain('no_chinese');
    expect(normalize('好').flags).toEqual([]);
  });

  it('truncates long text without splitting a surrogate pair, and says so', () => {
    const n = normalize('好'.repeat(9) + '😀' + '好'.repeat(100), 10);
    expect(n.flags).toContain('truncated');
    expect(n.text).toBe('好'.repeat(9));
    expect(n.flags).not.toContain('lone_surrogates');
  });

  it('survives lone surrogates and binary junk with flags instead of throwing', () => {
    const lone = normalize('好\uD83D东西\uDE00');
    expect(lone.flags).toContain('lone_surrogates');
    expect(lone.text).toBe('好 东西');
    const junk = normalize('\u0000\u0001\u0002\u0003PK\u0003\u0004\u0014\u0000\u0008\u0000\ufffd\ufffd');
    expect(junk.flags).toContain('binary_junk');
    expect(junk.text).not.toMatch(/[\u0000-\u0008]/);
  });

  it('calls the contact redactor and counts what it replaced', () => {
    const n = normalizeText('有意者加微信 abc123456 详聊', {
      toSimplified,
      maxChars: 1000,
      redactContacts: (t) => ({ text: t.replace('abc123456', '【联系方式】'), count: 1 }),
    });
    expect(n.text).toBe('有意者加微信 【联系方式】 详聊');
    expect(n.contacts).toBe(1);
  });
});

describe('sanitizeText', () => {
  it('keeps characters otherwise (no width or script conversion)', () => {
    expect(sanitizeText('這個ＡＢＣ\t好')).toBe('這個ＡＢＣ 好');
  });
});
