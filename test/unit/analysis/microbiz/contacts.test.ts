import { describe, expect, it } from 'vitest';
import { CONTACT_PLACEHOLDER, redactContacts } from '../../../../analysis/microbiz/contacts.js';

const P = CONTACT_PLACEHOLDER;

describe('redactContacts: disguised identifiers are replaced', () => {
  const cases: Array<[string, string, string[]]> = [
    ['想做代理的加V：meimei_888 详聊', `想做代理的加V：${P} 详聊`, ['wechat']],
    ['vx：lily2023abc', `vx：${P}`, ['wechat']],
    ['V信 abc123456 同号', `V信 ${P} 同号`, ['wechat']],
    ['薇信:hello_kitty9', `薇信:${P}`, ['wechat']],
    ['➕V：zhang-san-01 拿货价', `➕V：${P} 拿货价`, ['wechat']],
    ['+v bb_shop2024', `+v ${P}`, ['wechat']],
    ['WX:Tina_0923', `WX:${P}`, ['wechat']],
    ['微信号是：sunny_mama', `微信号是：${P}`, ['wechat']],
    ['电话 138 1234 5678', `电话 ${P}`, ['phone']],
    ['手机13812345678', `手机${P}`, ['phone']],
    ['1️⃣3️⃣9️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣', P, ['phone']],
    ['①③⑧①②③④⑤⑥⑦⑧', P, ['phone']],
    ['１３８－１２３４－５６７８', P, ['phone']],
    ['138🌸1234🌸5678', P, ['phone']],
    ['1 5 9 - 8 8 8 8 - 6 6 6 6', P, ['phone']],
    ['QQ：12345678', `QQ：${P}`, ['qq']],
    ['扣扣 9876543', `扣扣 ${P}`, ['qq']],
    ['企鹅号 1234567890', `企鹅号 ${P}`, ['qq']],
    ['联系 一三八一二三四五六七八', `联系 ${P}`, ['phone']],
    ['wxid_abcd1234 加我', `${P} 加我`, ['wechat']],
    ['邮箱 12345@qq.com', `邮箱 ${P}`, ['email']],
    ['0755-12345678', P, ['phone']],
    ['vx同号13812345678', `vx同号${P}`, ['phone']],
  ];
  it.each(cases)('%s', (input, expected, kinds) => {
    const r = redactContacts(input);
    expect(r.text).toBe(expected);
    expect(r.count).toBe(1);
    expect(r.kinds).toEqual(kinds);
  });

  it('counts several identifiers in one post and lists their kinds', () => {
    const r = redactContacts('代理咨询vx：mm_sale66，或者QQ 3344556677，电话 186-0000-1111');
    expect(r.count).toBe(3);
    expect(r.kinds).toEqual(['phone', 'qq', 'wechat']);
    expect(r.text).not.toMatch(/mm_sale66|3344556677|186/);
  });
});

describe('redactContacts: ordinary text is left alone', () => {
  const plain = [
    '原价¥199，现价¥99，2023年10月15日发货',
    '2019 2020 2021 年都在做',
    '月入13800元不是梦？',
    '上个月出单 13500 单',
    '2023-12-15 13:45:20 收到货',
    '手机 12000 元买的，用了三年',
    '订单号 202312150012345678',
    '一二三四五六七八九十',
    '加V了解详情',
    '我在朋友圈看到的 wx 广告',
    '3 盒 138 元，5 盒 198 元',
    '身份证 110101199003071234',
    '退款 1,299.00 元还没到账',
    '张薇说她已经退出了',
    '',
  ];
  it.each(plain)('%s', (input) => {
    const r = redactContacts(input);
    expect(r.text).toBe(input);
    expect(r.count).toBe(0);
    expect(r.kinds).toEqual([]);
  });
});
