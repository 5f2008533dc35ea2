/**
 * What a page states about itself outside its visible text: <meta> tags (article:published_time, pubdate, PubDate,
 * publishdate, og:time…, author), <time datetime>, JSON-LD (datePublished, author), and the script variables a few
 * platforms keep the time in (WeChat public accounts: `var ct = "1562118660"`, `publish_time`, `createTime`).
 */
import type { CheerioAPI } from 'cheerio';

export interface StructuredValue {
  value: string;
  /** Rule name for AutoField.rule, e.g. 'meta:article:published_time', 'json-ld', 'wechat:ct'. */
  rule: string;
}

// Lower-cased meta names/properties/itemprops that hold the publication time, best first.
const publishedMeta = [
  'article:published_time', 'og:article:published_time', 'og:published_time', 'published_time', 'datepublished',
  'publishdate', 'publish_date', 'publish-date', 'publishtime', 'publish_time', 'pubdate', 'pubtime', 'dc.date.issued',
  'dc.date.created', 'dc.date', 'dcterms.created', 'dcterms.date', 'date', 'og:time', 'apub:time',
  'firstpublishedtime', 'article:published', 'weibo: article:create_at', 'bytedance:published_time', 'release_date',
  'og:release_date', 'sailthru.date', 'parsely-pub-date', 'createdate', 'created',
];
// Only when nothing says "published": many CMSs stamp the first save here.
const updatedMeta = ['dateupdate', 'article:modified_time', 'og:updated_time', 'lastmodifiedtime', 'weibo: article:update_at', 'datemodified', 'maketime'];

const authorMeta = ['author', 'article:author', 'og:article:author', 'dc.creator', 'byl', 'sailthru.author', 'parsely-author'];

function metaMap($: CheerioAPI): Map<string, string> {
  const out = new Map<string, string>();
  $('meta').each((_, el) => {
    const a = el.attribs;
    const key = (a['property'] ?? a['name'] ?? a['itemprop'] ?? a['http-equiv'] ?? '').trim().toLowerCase();
    const content = (a['content'] ?? '').trim();
    if (key && content && !out.has(key)) out.set(key, content);
  });
  return out;
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** JSON-LD objects of the page, @graph flattened; unparsable blocks are skipped. */
function jsonLd($: CheerioAPI): Array<Record<string, Json>> {
  const out: Array<Record<string, Json>> = [];
  const add = (v: Json): void => {
    if (Array.isArray(v)) v.forEach(add);
    else if (v && typeof v === 'object') {
      out.push(v);
      const graph = v['@graph'];
      if (graph) add(graph);
    }
  };
  $('script[type="application/ld+json"]').each((_, el) => {
    try {
      add(JSON.parse($(el).text()) as Json);
    } catch {
      // Broken JSON-LD is common; the page still has its visible text.
    }
  });
  return out;
}

const nameOf = (v: Json | undefined): string | undefined => {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return nameOf(v[0]);
  if (v && typeof v === 'object') return nameOf(v['name']);
  return undefined;
};

export interface StructuredData {
  published: StructuredValue[];
  updated: StructuredValue[];
  authors: StructuredValue[];
  /** og:site_name and application-name: what the site calls itself (an author equal to it is the site). */
  siteNames: string[];
  /** Times kept in page scripts (WeChat and similar platforms). */
  scriptTimes: StructuredValue[];
  /** WeChat public-account name (#js_name / profile_nickname), when the page is a WeChat article. */
  wechatAccount?: string;
}

export function readStructuredData($: CheerioAPI, html: string): StructuredData {
  const meta = metaMap($);
  const published: StructuredValue[] = [];
  for (const key of publishedMeta) {
    const v = meta.get(key);
    if (v) published.push({ value: v, rule: `meta:${key}` });
  }
  $('time[datetime], [itemprop="datePublished"]').each((_, el) => {
    const v = el.attribs['datetime'] ?? el.attribs['content'];
    if (v) published.push({ value: v, rule: el.name === 'time' ? 'time[datetime]' : 'itemprop:datePublished' });
  });
  const updated = updatedMeta.flatMap((key) => (meta.get(key) ? [{ value: meta.get(key) as string, rule: `meta:${key}` }] : []));
  const authors = authorMeta.flatMap((key) => (meta.get(key) ? [{ value: meta.get(key) as string, rule: `meta:${key}` }] : []));
  for (const obj of jsonLd($)) {
    const date = obj['datePublished'] ?? obj['dateCreated'];
    if (typeof date === 'string') published.unshift({ value: date, rule: 'json-ld' });
    const author = nameOf(obj['author']);
    if (author) authors.unshift({ value: author, rule: 'json-ld' });
  }
  const siteNames = ['og:site_name', 'application-name'].flatMap((k) => (meta.get(k) ? [meta.get(k) as string] : []));
  const scriptTimes: StructuredValue[] = [];
  const ct = /var\s+ct\s*=\s*["'](\d{10})["']/.exec(html);
  if (ct?.[1]) scriptTimes.push({ value: ct[1], rule: 'wechat:ct' });
  const pt = /\bpublish_time\s*[=:]\s*["']([^"']{8,25})["']/.exec(html) ?? /var\s+createTime\s*=\s*["']([^"']{8,25})["']/.exec(html);
  if (pt?.[1]) scriptTimes.push({ value: pt[1], rule: 'script:publish_time' });
  const account = $('#js_name').first().text().trim() || $('.profile_nickname').first().text().trim();
  return { published, updated, authors, siteNames, scriptTimes, ...(account ? { wechatAccount: account } : {}) };
}
