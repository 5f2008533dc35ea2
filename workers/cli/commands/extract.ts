/**
 * `pulse extract <url|file>…` — what automatic extraction finds on a page, before a site is added: title, time,
 * author, a body preview, the rule behind each field, and a ready source entry. Files are decoded as the crawler
 * decodes responses (charset from BOM, <meta>, sniffing); URLs are fetched through the crawler's HTTP path (its user
 * agent, robots.txt, the address guard with PULSE_CRAWL_ALLOW_PRIVATE). `--json`: one object per page per line.
 * A page that cannot be read is one line on stderr naming it; the others are still processed; exit code 1.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as cheerio from 'cheerio';
import { stringify } from 'yaml';
import { decodeBody, extractArticle, fetchPages, parseAddressAllowance, toZonedIso, type ArticleExtraction } from '../../../crawlers/index.js';
import type { PulseCommand } from '../cli-context.js';

interface ExtractFlags {
  json?: boolean;
  tz?: string;
  now?: string;
}

interface PageInput {
  target: string;
  kind: 'url' | 'file';
  /** Page address (the URL after redirects, or file:// for a file). */
  url: string;
  text: string;
  charset: string;
}

const isUrl = (t: string): boolean => /^https?:\/\//i.test(t);

/** The site's address: the canonical/og:url of a saved page, else the URL it was fetched from. */
function siteUrl($: cheerio.CheerioAPI, page: PageInput): string | undefined {
  const declared = $('link[rel="canonical"]').attr('href') ?? $('meta[property="og:url"]').attr('content');
  const candidate = page.kind === 'url' ? page.url : declared;
  return candidate && URL.canParse(candidate) && /^https?:/.test(candidate) ? candidate : undefined;
}

/** The shortest source entry for the page's site (docs/sources.md): automatic list and detail. */
export function sourceEntry(address: string | undefined): string {
  const u = address ? new URL(address) : undefined;
  const host = u?.hostname.replace(/^www\./, '') ?? 'example.com';
  const id = host.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'my-site';
  // The article's section (its first path segment when that is a word, /shehui/ in /shehui/2024/0305/1.shtml) is the
  // likeliest list page; else the home page.
  const section = u?.pathname.split('/').filter(Boolean).slice(0, -1)[0];
  const start = u ? `${u.origin}/${section && /^[a-z][a-z_-]*$/i.test(section) ? `${section}/` : ''}` : 'https://example.com/';
  const entry = { id, type: 'html', schedule: '0 */30 * * * *', topics: ['微商'], startUrls: [start] };
  return stringify([entry]).trimEnd() + '\n# startUrls: a list page of the site (its home page works); topics: the keywords a document must contain';
}

function readTarget(target: string): PageInput {
  const bytes = readFileSync(target);
  const decoded = decodeBody(bytes);
  return { target, kind: 'file', url: pathToFileURL(target).href, text: decoded.text, charset: `${decoded.charset} (${decoded.from})` };
}

const preview = (body: string, max = 300): string => (body.length > max ? `${body.slice(0, max)}…` : body);

function report(page: PageInput, found: ArticleExtraction, timezone: string, json: boolean, $: cheerio.CheerioAPI): string {
  const where = page.kind === 'url' ? { url: page.url } : { file: page.target };
  if (found.kind === 'not-article') {
    if (json) return JSON.stringify({ ...where, kind: found.kind, reason: found.reason, detail: found.detail, charset: page.charset });
    return `== ${page.target}  [${page.charset}]\nnot an article: ${found.reason} (${found.detail})\n`;
  }
  const publishedAt = found.publishedAt ? toZonedIso(found.publishedAt.value, timezone) : null;
  if (json) {
    return JSON.stringify({
      ...where,
      kind: found.kind,
      title: found.title.value,
      publishedAt,
      publishedAtText: found.publishedAtText ?? null,
      author: found.author?.value ?? null,
      body: found.body.value,
      rules: { title: found.title.rule, body: found.body.rule, publishedAt: found.publishedAt?.rule ?? null, author: found.author?.rule ?? null },
      charset: page.charset,
    });
  }
  const paragraphs = found.body.value.split('\n\n').length;
  return [
    `== ${page.target}  [${page.charset}]`,
    `title:     ${found.title.value}   [${found.title.rule}]`,
    `published: ${publishedAt ?? '(none found)'}${found.publishedAt ? `   [${found.publishedAt.rule}]` : ''}${found.publishedAtText ? `   from "${found.publishedAtText.slice(0, 60)}"` : ''}`,
    `author:    ${found.author ? `${found.author.value}   [${found.author.rule}]` : '(none found)'}`,
    `body:      ${found.body.value.length} characters, ${paragraphs} paragraphs   [${found.body.rule}]`,
    ...preview(found.body.value)
      .split('\n')
      .filter(Boolean)
      .slice(0, 6)
      .map((l) => `  | ${l}`),
    'source entry:',
    ...sourceEntry(siteUrl($, page)).split('\n').map((l) => `  ${l}`),
    '',
  ].join('\n');
}

export const command: PulseCommand = {
  register(program, ctx) {
    program
      .command('extract')
      .description('show what automatic extraction finds on pages (saved files or URLs): title, time, author, body, rules, a source entry')
      .argument('<targets...>', 'HTML files or http(s) URLs')
      .option('--json', 'one JSON object per page per line (title, publishedAt, author, body, rules, url|file, kind/reason)')
      .option('--tz <zone>', 'time zone of dates written without one (default: config timezone, Asia/Shanghai)')
      .option('--now <iso>', 'reference time for relative dates such as 昨天 (default: now)')
      .action(async (targets: string[], flags: ExtractFlags) => {
        const config = ctx.config();
        const timezone = flags.tz ?? config.timezone;
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: timezone });
        } catch {
          throw Object.assign(new Error(`unknown time zone "${timezone}" (--tz)`), { code: 'USAGE' });
        }
        const now = flags.now ? new Date(flags.now) : new Date();
        if (Number.isNaN(now.getTime())) throw Object.assign(new Error(`--now must be a date, got "${flags.now}"`), { code: 'USAGE' });

        const urls = targets.filter(isUrl);
        const fetched = urls.length
          ? await fetchPages(urls, { userAgent: config.crawlUserAgent, allowPrivate: parseAddressAllowance(config.crawlAllowPrivate) })
          : [];
        let failed = 0;
        for (const target of targets) {
          let page: PageInput;
          try {
            if (isUrl(target)) {
              const r = fetched.find((f) => f.url === target);
              if (!r || !r.ok) throw new Error(`cannot fetch ${target}: ${r && !r.ok ? r.error : 'no response'}`);
              const decoded = decodeBody(r.response.body, String(r.response.headers['content-type'] ?? ''));
              page = { target, kind: 'url', url: r.response.finalUrl, text: decoded.text, charset: `${decoded.charset} (${decoded.from})` };
            } else page = readTarget(target);
          } catch (error) {
            failed++;
            const e = error as NodeJS.ErrnoException;
            console.error(`pulse extract: ${e.code === 'ENOENT' ? `no such file: ${target}` : e.code === 'EISDIR' ? `is a directory: ${target}` : e.message}`);
            continue;
          }
          const $ = cheerio.load(page.text);
          const found = extractArticle($, { url: page.url, timezone, now });
          console.log(report(page, found, timezone, flags.json === true, $));
        }
        if (failed > 0) process.exitCode = 1;
      });
  },
};
