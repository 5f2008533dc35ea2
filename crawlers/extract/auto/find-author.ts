/**
 * The author of an article page, from (in this order) bylines in the lines around the headline and the ends of the
 * body (作者：, 记者 某某, （记者 某某）, 文/某某, 执笔/, 采写：, a trailing （某某）), author elements (itemprop,
 * class "author"), meta tags and JSON-LD, and on self-media platforms the account (a link to the user's page;
 * WeChat's account name when the article names no writer). 责任编辑/编辑 and 来源 are never authors, nor a name that is
 * the site's or an organisation's.
 */
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { AutoField } from './extract-article.js';
import type { StructuredData } from './structured-data.js';

export interface AuthorSearch {
  /** Lines from the headline to the start of the body, and the first body paragraph. */
  head: string[];
  /** The last body paragraphs and the lines after the body. */
  tail: string[];
  structured: StructuredData;
  /** Text of the <title> (an author found in it is the site). */
  titleTag: string;
  /** True for elements above the article body (author boxes and account links further down are commenters'). */
  aboveBody: (el: Element) => boolean;
}

// Han characters including the extension planes (names such as 𠮷 are outside U+4E00–U+9FA5); used with the u flag.
const han = '[\\u3400-\\u9fff\\u{20000}-\\u{2ffff}·]';
const personName = new RegExp(`^${han}{2,4}$`, 'u');
const orgLike = new RegExp(`^(?:[\\w]|${han}){2,12}$`, 'u');
const latinName = /^[A-Za-z][A-Za-z0-9_.\- ]{1,30}$/;
const notAName = /(未知|佚名|网络|整理|admin|本站|本网|编辑部|小编|转载|综合|来源|责任|编辑|记者|通讯员|报道|图片|视频|客户端|发布|官方|记者站|文章|最新|最近|更多|相关|简介|介绍|主页|设置|帐号|账号|信息|专栏|粉丝|关注|登录|注册|推荐|阅读|密码|忘记|退出|注销|搜索)/i;
const orgName = /(网|报|社|台|新闻|日报|晚报|消息|科技|财经|频道|中心|客户端|综合|媒体|公司|集团|协会|学会|政府|委员会|研究院|大学)$/;

const cleanToken = (t: string): string => t.replace(/^[\s:：/|｜【[（(]+|[\s:：/|｜】\]）)]+$/g, '');

/** Names at the start of `text` ("陆一夫", "段彦超 廖艳", "kingname"), stopping at the first token that is not one. */
function leadingNames(text: string, allowOrg = false): string | undefined {
  const names: string[] = [];
  for (const raw of text.split(/[\s、，,&＆/]+/)) {
    const t = cleanToken(raw).replace(/(摄影?|报道|整合|发自.*|文|图)$/, '');
    if (!t) {
      if (names.length) break;
      continue;
    }
    const ok = (personName.test(t) || latinName.test(t) || (allowOrg && orgLike.test(t))) && !notAName.test(t);
    if (!ok) break;
    names.push(t);
    if (allowOrg) break;
  }
  return names.length ? names.join(' ') : undefined;
}

interface Rule {
  re: RegExp;
  rule: string;
  /** Labelled "作者：" values may be an organisation (医技药剂党支部); other bylines must be people's names. */
  allowOrg?: boolean;
}

const bylineRules: Rule[] = [
  { re: /作者\s*[:：]\s*(.{1,40})/, rule: 'text:作者', allowOrg: true },
  { re: /^作者\s*(.{2,20})$/, rule: 'text:作者' },
  { re: /(?:^|[\s》」】])作者\s+(.{2,30})/, rule: 'text:作者' },
  { re: /[\s|｜]作者\s*([\u4e00-\u9fa5]{2,4})$/, rule: 'text:作者' },
  { re: /(?:记者|撰文|执笔|采写|文|作者|文\/图|图\/文)\s*[/｜|]\s*(?:.{0,12}?作者\s*)?(.{2,40})/, rule: 'text:文/' },
  { re: /[（(【[]\s*(?:本报|本台|见习|特约)?记者\s*(.{2,30}?)[）)】\]]/, rule: 'text:记者' },
  { re: /^(?:.{0,16}?)(?:采写|撰文)\s*[:：].{0,12}?记者\s*(.{2,30})$/, rule: 'text:记者' },
  { re: /^.{0,14}记者\s*(.{2,20})$/, rule: 'text:记者' },
  { re: /^(?:采写|撰文|文)\s*[:：]\s*(.{2,30})$/, rule: 'text:采写' },
  { re: /[（(]\s*(?:文|文\/图|图\/文|撰文)\s*[/／:：]?\s*(.{2,30}?)[）)]\s*$/, rule: 'text:文/' },
  { re: /[（(]\s*(?:职工|特约)?通讯员\s*(.{2,30}?)[）)]/, rule: 'text:通讯员' },
];

function fromLines(lines: string[]): AutoField<string> | undefined {
  for (const line of lines) {
    if (/^[（(【[]?\s*(责任编辑|责编|编辑)/.test(line)) continue;
    for (const { re, rule, allowOrg } of bylineRules) {
      const m = re.exec(line);
      const name = m?.[1] ? leadingNames(m[1], allowOrg) : undefined;
      if (name) return { value: name, rule };
    }
  }
  return undefined;
}

/** A name in brackets closing the last paragraph, as many papers sign: "…举行。（张巨峰）", "(李楠)". */
function trailingSignature(lines: string[]): AutoField<string> | undefined {
  for (const line of lines) {
    const m = new RegExp(`[（(](${han}{2,3})[）)]\\s*$`, 'u').exec(line);
    if (m?.[1] && !/^(完|待续|化名|组图|图|原文|全文|节选|摘编|未完)/.test(m[1]) && line.length > m[0].length + 8) return { value: m[1], rule: 'text:signature' };
  }
  return undefined;
}

/** "石佳/中国青年报": the writer and their paper on one short line under the headline. */
function nameSlashSource(lines: string[]): AutoField<string> | undefined {
  for (const line of lines.slice(0, 3)) {
    const m = new RegExp(`^(${han}{2,4})\\s*/\\s*${han}{2,12}$`, 'u').exec(line);
    if (m?.[1] && !notAName.test(m[1])) return { value: m[1], rule: 'text:name/source' };
  }
  return undefined;
}

function isSiteOrOrg(name: string, search: AuthorSearch): boolean {
  if (orgName.test(name) || notAName.test(name) || /[@,，;]|^\d+$|^https?:/.test(name)) return true;
  return search.structured.siteNames.some((s) => s.includes(name)) || search.titleTag.includes(name);
}

/** Self-media account: the first short link to a user/author page before the body. */
function accountLink($: CheerioAPI, aboveBody: (el: Element) => boolean, headText: string): AutoField<string> | undefined {
  let found: string | undefined;
  $('a[href]').each((_, el) => {
    // Above the body, or a profile link (often in a side column) to the name the byline area shows.
    const shown = headText.includes($(el).text().replace(/\s+/g, ' ').trim());
    if (!aboveBody(el) && !shown) return undefined;
    const href = el.attribs['href'] ?? '';
    if (!/\/(c\/)?(user|author|people|profile|u|space|media|account|member|home|dy\/media)\/|author_id=|\/omn\/author\/|space-uid-|mod=space|[?&](uid|userid|user_id)=/i.test(href)) return;
    const text = $(el).text().replace(/\s+/g, ' ').trim().replace(/(企鹅号|百家号|头条号|网易号|关注)$/, '').trim();
    if (text.length >= 2 && text.length <= 20 && !notAName.test(text) && !/(个人中心|我的|首页)/.test(text)) {
      found = text;
      return false;
    }
    return undefined;
  });
  return found ? { value: found, rule: 'link:account' } : undefined;
}

const authorSelector = [
  '[itemprop="author"]', '[rel="author"]', '.author-name', '.author', '.byline', '.writer', '.article-author',
  '.authi a', 'a.xw1', '.postauthor', '.post-author', '.username', '.user-name', '.nickname', '.uname', '.poster',
].join(', ');

export function findAuthor($: CheerioAPI, search: AuthorSearch): AutoField<string> | undefined {
  const byline = fromLines(search.head) ?? nameSlashSource(search.head) ?? fromLines(search.tail) ?? trailingSignature(search.tail.slice(0, 3));
  if (byline) return byline;
  let element: AutoField<string> | undefined;
  // Author boxes of news CMSs and forum software (Discuz .authi/.xw1, phpwind, blogs), above the body.
  $(authorSelector).each((_, node) => {
    const el = node as Element;
    if (!search.aboveBody(el)) return undefined;
    const text = ($(el).find('[itemprop="name"]').first().text() || $(el).text()).replace(/\s+/g, ' ').trim().replace(/^(作者|文)\s*[:：/]\s*/, '');
    const name = leadingNames(text.replace(/(企鹅号|百家号|头条号|网易号)$/, ''), true);
    if (name && !isSiteOrOrg(name, { ...search, titleTag: '' })) {
      element = { value: name, rule: 'element:author' };
      return false;
    }
    return undefined;
  });
  if (element) return element;
  for (const a of search.structured.authors) {
    // "name, email@example.com" and lists are template placeholders or staff lists, not a byline.
    if (/[@,，;；]/.test(a.value)) continue;
    const name = leadingNames(a.value.trim(), true);
    if (name && !isSiteOrOrg(name, search)) return { value: name, rule: a.rule };
  }
  if (search.structured.wechatAccount) return { value: search.structured.wechatAccount, rule: 'wechat:account' };
  return accountLink($, search.aboveBody, search.head.join('\n'));
}
