import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeBody, normalizeCharset } from '../../../../crawlers/extract/decode-body.js';

const html = (meta: string, text: string) => `<html><head>${meta}<title>t</title></head><body>${text}</body></html>`;
const text = '微商囤货卖不出去，找上级退款被拉黑了。';

describe('decodeBody', () => {
  it('uses the header charset, decoding gbk/gb2312 as gb18030', () => {
    const bytes = iconv.encode(html('', `${text}𠮷`), 'gb18030');
    const d = decodeBody(bytes, 'text/html; charset=GB2312');
    expect(d).toMatchObject({ charset: 'gb18030', from: 'header' });
    expect(d.text).toContain(`${text}𠮷`);
  });

  it('does not trust a charset=utf-8 header in front of GBK bytes (a common server-wide misconfiguration)', () => {
    const withMeta = decodeBody(iconv.encode(html('<meta charset="gbk">', text), 'gbk'), 'text/html; charset=utf-8');
    expect(withMeta).toMatchObject({ from: 'meta', charset: 'gb18030' });
    expect(withMeta.text).toContain(text);
    const bare = decodeBody(iconv.encode(html('', text), 'gbk'), 'text/html; charset=UTF-8');
    expect(bare).toMatchObject({ from: 'sniffed', charset: 'gb18030' });
    expect(bare.text).toContain(text);
    // Real UTF-8 under a UTF-8 header is of course taken as it is.
    expect(decodeBody(Buffer.from(html('<meta charset="gbk">', text)), 'text/html; charset=utf-8')).toMatchObject({ from: 'header', charset: 'utf-8' });
  });

  it('reads <meta charset> and <meta http-equiv> when the header has none', () => {
    expect(decodeBody(iconv.encode(html('<meta charset="gbk">', text), 'gbk'), 'text/html')).toMatchObject({ from: 'meta', charset: 'gb18030' });
    const d = decodeBody(iconv.encode(html('<meta http-equiv="Content-Type" content="text/html; charset=big5">', '微商代購過敏'), 'big5'));
    expect(d).toMatchObject({ from: 'meta', charset: 'big5' });
    expect(d.text).toContain('微商代購過敏');
  });

  it('overrules a GB/Big5 declaration over bytes that are valid multi-byte UTF-8 (pages re-saved as UTF-8 keep their old meta)', () => {
    expect(decodeBody(Buffer.from(html('<meta charset="gb2312">', text)))).toMatchObject({ from: 'sniffed', charset: 'utf-8', text: expect.stringContaining(text) });
    expect(decodeBody(Buffer.from(html('', text)), 'text/html; charset=GBK')).toMatchObject({ from: 'sniffed', charset: 'utf-8' });
    // Pure ASCII under a GBK declaration stays with the declaration: nothing tells them apart.
    expect(decodeBody(Buffer.from(html('<meta charset="gbk">', 'abc')))).toMatchObject({ from: 'meta', charset: 'gb18030' });
  });

  it('reads the XML declaration of feeds', () => {
    const d = decodeBody(iconv.encode(`<?xml version="1.0" encoding="GB18030"?><rss><title>${text}</title></rss>`, 'gb18030'), 'application/rss+xml');
    expect(d.text).toContain(text);
  });

  it('sniffs UTF-8, GB18030 and Big5 when nothing is declared', () => {
    expect(decodeBody(Buffer.from(html('', text)))).toMatchObject({ from: 'sniffed', charset: 'utf-8' });
    const gb = decodeBody(iconv.encode(html('', text), 'gbk'));
    expect(gb).toMatchObject({ from: 'sniffed', charset: 'gb18030' });
    expect(gb.text).toContain(text);
    const big5 = decodeBody(iconv.encode(html('', '朋友在微商代購的面霜，用了兩天臉上紅腫，對方說是正常反應。'), 'big5'));
    expect(big5).toMatchObject({ from: 'sniffed', charset: 'big5' });
    expect(big5.text).toContain('對方說是正常反應');
  });

  it('honours a BOM and a forced charset, and ignores unknown labels', () => {
    expect(decodeBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'text/html').text).toBe(text);
    expect(decodeBody(iconv.encode(text, 'gbk'), 'text/html; charset=utf-8', 'gbk').text).toBe(text);
    expect(normalizeCharset('x-no-such')).toBeNull();
    expect(decodeBody(Buffer.from(text), 'text/html; charset=x-no-such')).toMatchObject({ charset: 'utf-8', from: 'sniffed' });
  });

  it('lets a byte-order mark win over the header and the meta, as browsers do', () => {
    const page = html('<meta charset="gbk">', text);
    for (const [bomCharset, bom] of [['utf-16le', [0xff, 0xfe]], ['utf-16be', [0xfe, 0xff]], ['utf-8', [0xef, 0xbb, 0xbf]]] as const) {
      const bytes = Buffer.concat([Buffer.from(bom), iconv.encode(page, bomCharset)]);
      const d = decodeBody(bytes, 'text/html; charset=gbk');
      expect(d).toMatchObject({ charset: bomCharset, from: 'bom' });
      expect(d.text).toBe(page);
    }
  });

  it('ignores labels that name no text charset (base64, hex, binary, UTF-7) and decides by the next step', () => {
    for (const label of ['base64', 'BASE64', 'hex', 'binary', 'utf-7', 'UTF7', 'utf-7-imap', 'unicode-1-1-utf-7']) expect(normalizeCharset(label), label).toBeNull();
    const meta = decodeBody(Buffer.from(html('<meta charset="base64">', text)), 'text/html');
    expect(meta).toMatchObject({ charset: 'utf-8', from: 'sniffed' });
    expect(meta.text).toContain(text);
    const header = decodeBody(iconv.encode(html('<meta charset="gbk">', text), 'gbk'), 'text/html; charset=utf-7');
    expect(header).toMatchObject({ charset: 'gb18030', from: 'meta' });
    expect(header.text).toContain(text);
    // A UTF-16 declaration read from ASCII-compatible bytes cannot be true: HTML reads such a page as UTF-8.
    expect(decodeBody(Buffer.from(html('<meta charset="utf-16">', text)), 'text/html')).toMatchObject({ charset: 'utf-8', from: 'meta' });
  });
});
