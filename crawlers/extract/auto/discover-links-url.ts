/**
 * What a link's URL alone says about its target, for list-page link discovery: `detail` (dated path, numeric or long
 * id, thread/post/article path), `channel` (site root, section index, tag/keyword/topic/board pages), `never` (login,
 * user pages, comments, downloads, ads and redirects, live/video, shop, site furniture) or `neutral`. Pure; no fetching.
 */

export type UrlShape = 'detail' | 'channel' | 'never' | 'neutral';

/** Hosts, paths and queries that never lead to an article (checked on the lowercased URL without scheme). */
const never = [
  /(^|[./])(login|logout|logging|register|reg\d?|signup|signin|passport|sso|account)([./?_=-]|$)/,
  /member\.php|home\.php|\/home\/main|\/u\/\d|[?&](uid|un|username)=|\/user\/|\/people\/|\/space\//,
  /(^|\.)comment\.|\/comments?(\/|\.|$)|[?&]goto=|mod=redirect|\/redirect|\/jump|\/click|adclick|[./]ads?[./]|baidu\.php/,
  /\.(apk|exe|dmg|zip|rar|7z|pdf|docx?|xlsx?|jpe?g|png|gif|mp[34]|css|js)$/,
  /(^|[./])(download|dl|app|apps)([./?]|$)|\/client\/|newsapp/,
  /(^|\.)(live|v|vip|pay|epay|mall|shop|you|mail|email)\.|\/(live|video|videos|movie|room|vod)\//,
  /\/(share|feedback|about|contact|help|legal|privacy|jubao|sitemap)([./?]|$)|(^|\.)(help|jubao|sitemap)\./,
  /[?&]mod=(post|spacecp|medal|task|collection|misc|guide|rss)|misc\.php|(^|[./?&])search/,
];

/** Section pages, board indexes and tag/keyword/topic listings. */
const channel = [
  /\/(tags?|keywords?|topics?|special|channel|category|categories|column|columns|label|rank|list|index|forum)(\/|\.|$)/,
  /forum-\d+-\d+\.html|group-\d+-\d+\.html|mod=forumdisplay|[?&]kw=|[?&](gid|fid|typeid)=/,
];

/** Dated paths (2019/0703, 20/0731/20, 2019-07-03, 20190703) and ids that name one article or thread. */
const detail = [
  /\/(19|20)\d{2}[-/]?\d{2}[-/]?\d{2}\//,
  /\/\d{2}\/\d{4}\/(\d{2}\/)?/,
  /\/(thread|viewthread|article|articles|detail|details|content|post|posts|story|p|a|doc|news|html)[-/_][a-z]*\d{4,}/i,
  /thread-\d+-1-\d+\.html|[?&](tid|aid|articleid|newsid|docid|postid|threadid)=\d+|[?&]id=\d{4,}/,
  /\/[\w-]*\d{5,}[\w-]*\.s?html?$|\/\d{5,}\/?$/,
  /\/[A-Za-z0-9]{0,20}\d{4,}[A-Za-z0-9]*\.s?html?$/,
];

/** A query value that is itself a URL or a long opaque token: a tracking redirect, typically an ad. */
const isRedirectQuery = (url: URL): boolean =>
  [...url.searchParams.values()].some((v) => v.length > 120 || /^https?:|^\/\//i.test(v));

/** Thread pages 2…n repeat their thread (`thread-123-2-1.html`); only the first page is the article. */
const isLaterThreadPage = (path: string): boolean => /thread-\d+-([2-9]|\d{2,})-\d+\.html$/.test(path);

export function urlShape(url: URL): UrlShape {
  const path = url.pathname;
  const rest = `${url.hostname}${path}${url.search}`.toLowerCase();
  if (isRedirectQuery(url) || isLaterThreadPage(path) || never.some((re) => re.test(rest))) return 'never';
  const pathAndQuery = `${path}${url.search}`;
  if (detail.some((re) => re.test(pathAndQuery))) return 'detail';
  if (path === '/' || path === '' || channel.some((re) => re.test(pathAndQuery.toLowerCase()))) return 'channel';
  // A path ending in "/" without any digits is a section index (/world/, /shehui/).
  if (path.endsWith('/') && !/\d/.test(path)) return 'channel';
  return 'neutral';
}

/** Second-level suffixes under which a site's own name is the third label (sina.com.cn, pku.edu.cn). */
const secondLevel = new Set(['com', 'net', 'org', 'gov', 'edu', 'ac', 'co', 'mil']);

/** The registrable domain (163.com, sina.com.cn); good enough to tell "same site" without a suffix list. */
export function siteOf(hostname: string): string {
  const labels = hostname.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length <= 2 || /^\d+$/.test(labels.at(-1) ?? '')) return labels.join('.');
  const take = labels.at(-1)!.length === 2 && secondLevel.has(labels.at(-2)!) ? 3 : 2;
  return labels.slice(-take).join('.');
}

/** Path template of a URL (digits → 0, last segment → its extension), to tell links of one list apart from others. */
export function urlTemplate(url: URL): string {
  const segments = url.pathname.split('/');
  const last = segments.pop() ?? '';
  const ext = /\.[a-z]+$/i.exec(last)?.[0] ?? '';
  return `${url.hostname}${segments.join('/').replace(/\d+/g, '0')}/*${ext}`;
}
