import { describe, expect, it } from 'vitest';
import { csvCell } from '../../../workers/export/formats/csv-bom.js';
import { filterFromFlags, lastSpanStart } from '../../../workers/export/filter-options.js';
import { escapeHtml } from '../../../workers/export/report/escape-html.js';
import { lineChart } from '../../../workers/export/report/svg-line-chart.js';

describe('csvCell', () => {
  const text = { name: 't', type: 'string' } as const;
  it('quotes what RFC 4180 requires and keeps Chinese as is', () => {
    expect(csvCell('微商代理', text)).toBe('微商代理');
    expect(csvCell('a,b', text)).toBe('"a,b"');
    expect(csvCell('说 "退款"', text)).toBe('"说 ""退款"""');
    expect(csvCell('一\n二', text)).toBe('"一\n二"');
    expect(csvCell(null, text)).toBe('');
  });
  it('defuses spreadsheet formulas in text but not numbers', () => {
    expect(csvCell('=HYPERLINK("x")', text)).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)', text)).toBe("'@SUM(A1)");
    expect(csvCell(-0.5, { name: 'n', type: 'double' })).toBe('-0.5');
  });
  it('defuses a formula behind a minus sign, as OWASP lists it, and tab/CR/NUL starts', () => {
    expect(csvCell("-2+3+cmd|' /C calc'!A0", text)).toBe(`'-2+3+cmd|' /C calc'!A0`);
    expect(csvCell('-1+1', text)).toBe("'-1+1");
    expect(csvCell('-HYPERLINK("http://x")', text)).toBe(`"'-HYPERLINK(""http://x"")"`);
    expect(csvCell('-退款没到账', text)).toBe("'-退款没到账");
    expect(csvCell('+86 138', text)).toBe("'+86 138");
    expect(csvCell('\t=1+1', text)).toBe("'\t=1+1");
    expect(csvCell('\r=1+1', text)).toBe(`"'\r=1+1"`);
    expect(csvCell('\0=1', text)).toBe("'\0=1");
    expect(csvCell(['-2+3+cmd|x', 'b'], { name: 'l', type: 'list' })).toBe("'-2+3+cmd|x; b");
  });
  it('leaves plain negative numbers alone, in text and in number columns', () => {
    for (const n of ['-0.5', '-12', '-1,234', '-1,234.5', '-.5', '-1e-3', '-5%']) expect(csvCell(n, text)).toBe(n.includes(',') ? `"${n}"` : n);
    expect(csvCell(-12, { name: 'n', type: 'int' })).toBe('-12');
    expect(csvCell(-0.5, { name: 'n', type: 'double' })).toBe('-0.5');
    expect(csvCell('-', text)).toBe("'-");
    expect(csvCell('-1,23', text)).toBe(`"'-1,23"`);
    expect(csvCell('a-1', text)).toBe('a-1');
  });
  it('joins lists with "; " and writes JSON cells as JSON', () => {
    expect(csvCell(['seg:1|lex:1', 'seg:1|lex:2'], { name: 'l', type: 'list' })).toBe('seg:1|lex:1; seg:1|lex:2');
    expect(csvCell([{ name: 'refunds' }], { name: 'j', type: 'json' })).toBe('"[{""name"":""refunds""}]"');
  });
});

describe('filter flags', () => {
  it('leaves seller ads out unless asked, or unless speakers are listed explicitly', () => {
    expect(filterFromFlags({}, 'Asia/Shanghai').excludeSellerAds).toBe(true);
    expect(filterFromFlags({ includeAds: true }, 'Asia/Shanghai').excludeSellerAds).toBe(false);
    expect(filterFromFlags({ speaker: ['seller_ad'] }, 'Asia/Shanghai')).toMatchObject({ speakerTypes: ['seller_ad'], excludeSellerAds: false });
    expect(() => filterFromFlags({ label: 'angry' }, 'Asia/Shanghai')).toThrow(/--label/);
    expect(() => filterFromFlags({ speaker: ['bot'] }, 'Asia/Shanghai')).toThrow(/--speaker/);
  });
  it('turns --last into the start of the first whole period in the zone', () => {
    const now = Date.parse('2026-11-20T23:30:00+08:00');
    expect(lastSpanStart('3d', 'Asia/Shanghai', now)).toBe('2026-11-18T00:00:00+08:00');
    expect(lastSpanStart('2h', 'Asia/Shanghai', now)).toBe('2026-11-20T22:00:00+08:00');
    expect(lastSpanStart('1w', 'Asia/Shanghai', now)).toBe('2026-11-16T00:00:00+08:00');
    expect(() => lastSpanStart('0d', 'Asia/Shanghai', now)).toThrow();
  });
});

describe('report pieces', () => {
  it('escape text from the index', () => {
    expect(escapeHtml(`<img src=x onerror="a">&'`)).toBe('&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;');
  });
  it('draw one point per value and break lines at empty periods', () => {
    const svg = lineChart({ id: 'x', title: 't', xLabels: ['1', '2', '3', '4'], format: String, series: [{ name: '负面', color: '#000', values: [1, null, 2, 3] }] });
    expect(svg).toContain('data-points="3"');
    expect((svg.match(/M/g) ?? []).length).toBe(2);
    expect(svg).toContain('负面');
  });
});
