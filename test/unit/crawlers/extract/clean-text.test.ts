import { describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { cleanHtml } from '../../../../crawlers/extract/clean-text.js';
import { extractFields, readField } from '../../../../crawlers/extract/extract-fields.js';

describe('clean text', () => {
  it('decodes entities, turns <br> and blocks into line breaks, drops scripts and styles', () => {
    expect(cleanHtml('<p>退款&amp;售后&nbsp;问题</p><p>第一行<br/>第二行</p><script>var x="<p>no</p>"</script><style>p{}</style><div>  多余   空格 </div>')).toBe(
      '退款&售后 问题\n\n第一行\n第二行\n\n多余 空格',
    );
    expect(cleanHtml('&lt;b&gt;不是标签&lt;/b&gt; &#x5FAE;&#21830; &ldquo;引号&rdquo;')).toBe('<b>不是标签</b> 微商 “引号”');
    expect(cleanHtml('<ul><li>一</li><li>二</li></ul>')).toBe('一\n\n二');
  });

  it('extracts fields with selectors, attributes, removals and a <title> fallback', () => {
    const $ = cheerio.load('<html><head><title>页标题</title></head><body><time datetime="2024-03-05T14:02:00+08:00">昨天</time><div class="c"><p>正文</p><div class="ad">广告</div></div><div class="c"><p>续</p></div></body></html>');
    expect(readField($, { selector: 'time', attr: 'datetime' })).toBe('2024-03-05T14:02:00+08:00');
    expect(extractFields($, { title: 'h1', body: '.c', remove: ['.ad'] })).toEqual({ title: '页标题', body: '正文\n\n续', author: '', publishedAtText: '' });
  });
});
