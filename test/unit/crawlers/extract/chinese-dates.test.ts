import { describe, expect, it } from 'vitest';
import { parseChineseDate, toZonedIso } from '../../../../crawlers/extract/chinese-dates.js';

// 2024-03-06 10:00 in Shanghai.
const ctx = { now: new Date('2024-03-06T02:00:00Z'), timezone: 'Asia/Shanghai' };
const p = (s: string, c = ctx) => parseChineseDate(s, c);

describe('parseChineseDate', () => {
  it.each([
    ['刚刚', '2024-03-06T10:00:00+08:00'],
    ['剛剛', '2024-03-06T10:00:00+08:00'],
    ['30秒前', '2024-03-06T09:59:30+08:00'],
    ['5分钟前', '2024-03-06T09:55:00+08:00'],
    ['5 分鐘前', '2024-03-06T09:55:00+08:00'],
    ['半小时前', '2024-03-06T09:30:00+08:00'],
    ['3小时前', '2024-03-06T07:00:00+08:00'],
    ['2个小时前', '2024-03-06T08:00:00+08:00'],
    ['2天前', '2024-03-04T10:00:00+08:00'],
    ['今天 08:30', '2024-03-06T08:30:00+08:00'],
    ['昨天 21:10', '2024-03-05T21:10:00+08:00'],
    ['前天 07:05:09', '2024-03-04T07:05:09+08:00'],
    ['昨天下午3:20', '2024-03-05T15:20:00+08:00'],
    ['3月5日', '2024-03-05T00:00:00+08:00'],
    ['3月5日 14:02', '2024-03-05T14:02:00+08:00'],
    ['2024年3月5日 14:02', '2024-03-05T14:02:00+08:00'],
    ['2024年3月5日', '2024-03-05T00:00:00+08:00'],
    ['2024-03-05', '2024-03-05T00:00:00+08:00'],
    ['2024/3/5 9:07', '2024-03-05T09:07:00+08:00'],
    ['发表于 2024-03-05 14:02:33', '2024-03-05T14:02:33+08:00'],
    ['２０２４年３月５日', '2024-03-05T00:00:00+08:00'],
    ['03-05 14:02', '2024-03-05T14:02:00+08:00'],
    ['2024-03-05T06:02:00Z', '2024-03-05T14:02:00+08:00'],
    ['Tue, 05 Mar 2024 06:02:00 GMT', '2024-03-05T14:02:00+08:00'],
  ])('%s → %s', (input, expected) => {
    expect(p(input)).toBe(expected);
  });

  it('a month-day later than today belongs to last year', () => {
    expect(p('12月30日 23:00')).toBe('2023-12-30T23:00:00+08:00');
  });

  it('crosses midnight in the page zone, not in UTC', () => {
    // 00:30 Shanghai on 03-06 is still 03-05 in UTC: "昨天" must mean 03-05 Shanghai.
    const early = { now: new Date('2024-03-05T16:30:00Z'), timezone: 'Asia/Shanghai' };
    expect(p('昨天 23:00', early)).toBe('2024-03-05T23:00:00+08:00');
    expect(p('今天 00:10', early)).toBe('2024-03-06T00:10:00+08:00');
  });

  it('honours other zones, with DST offsets', () => {
    expect(p('2024-07-01 12:00', { now: ctx.now, timezone: 'America/New_York' })).toBe('2024-07-01T12:00:00-04:00');
    expect(toZonedIso(new Date('2024-01-01T00:00:00Z'), 'Asia/Taipei')).toBe('2024-01-01T08:00:00+08:00');
  });

  it.each(['', '暂无', '第3页', '2024年13月40日', '价格 12-30 元', null, undefined])('no date in %j', (input) => {
    expect(p(input as string)).toBeNull();
  });
});
