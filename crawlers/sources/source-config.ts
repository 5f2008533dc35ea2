/**
 * The source config schema (zod): one discriminated union on `type` — rss | atom | sitemap | html | json | browser.
 * docs/sources.md documents every field here; keep the two in step. Defaults are polite on purpose.
 */
import { z } from 'zod';
import { UrlPatternField } from './url-pattern.js';

/** A CSS selector, or `{ selector, attr }` to read an attribute (e.g. `time[datetime]`) instead of the text. */
export const FieldSelector = z.union([
  z.string().min(1),
  z.strictObject({ selector: z.string().min(1), attr: z.string().min(1).optional() }),
]);
export type FieldSelector = z.infer<typeof FieldSelector>;

/** `auto`: the crawler finds the value by itself (crawlers/extract/auto); the default for every field left out. */
const Auto = z.literal('auto');

/** A field read by a selector, or `auto`. */
const DetailField = z.union([Auto, FieldSelector]).default('auto');

/**
 * How to read one article page, field by field: a selector wins for its field, every other field is found
 * automatically. `detail` left out (or `detail: auto`) = all automatic; a page in which automatic extraction finds no
 * article (home page, login wall, "not found" page) gives no document when the body is automatic.
 */
export const DetailSelectors = z.strictObject({
  title: DetailField,
  body: DetailField,
  author: DetailField,
  publishedAt: DetailField,
  /** Elements removed before reading the page (share bars, scripts, ads), for selectors and automatic fields alike. */
  remove: z.array(z.string().min(1)).default([]),
});
export type DetailSelectors = z.infer<typeof DetailSelectors>;
export type DetailField = z.infer<typeof DetailField>;

/** `detail` of a source: left out, `auto`, or an object of fields. */
const Detail = z.preprocess((v) => (v === undefined || v === 'auto' ? {} : v), DetailSelectors);

/**
 * Where a list page's links are: `itemLink` a selector or `auto` (the default), `nextPage` a selector, `auto`, or
 * left out in an object (no next page, as before). `list` left out (or `list: auto`) = both automatic.
 */
export const ListSelectors = z.strictObject({
  /** Links to article pages on a list page. */
  itemLink: z.union([Auto, z.string().min(1)]).default('auto'),
  /** The "next page" link of a list page. */
  nextPage: z.union([Auto, z.string().min(1)]).optional(),
});
export type ListSelectors = z.infer<typeof ListSelectors>;

const List = z.preprocess((v) => (v === undefined || v === 'auto' ? { itemLink: 'auto', nextPage: 'auto' } : v), ListSelectors);

/** Checked when the file is loaded: a bad zone would otherwise fail every page of every run with a RangeError. */
const timeZone = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  'must be an IANA time zone such as Asia/Shanghai or UTC',
);

const cronField = z
  .string()
  .regex(/^\S+(\s+\S+){4,5}$/, 'must be a cron expression with 5 or 6 fields, e.g. "0 */30 * * * *"');

const Limits = z
  .strictObject({
    /** Pages fetched per run (lists, feeds, articles, API pages together). */
    maxPages: z.number().int().min(1).default(200),
    /** Documents per run: feed and JSON items plus article links admitted (one feed can hold tens of thousands). */
    maxDocuments: z.number().int().min(1).default(2000),
    /** List/API pages followed through "next" links (depth 0 = the start page only). */
    maxDepth: z.number().int().min(0).default(5),
    /** Responses larger than this are dropped (PAGE_TOO_LARGE). */
    maxPageBytes: z.number().int().min(1024).default(2_000_000),
    /** Per-request timeout. */
    timeoutMs: z.number().int().min(100).default(15_000),
    /** Retries after a 429, 5xx, timeout or network error (with exponential backoff). */
    maxRetries: z.number().int().min(0).max(10).default(2),
  })
  .prefault({});

const Politeness = z
  .strictObject({
    /** false must be written explicitly to ignore robots.txt (e.g. your own site). */
    respectRobotsTxt: z.boolean().default(true),
    /** Parallel requests to the source's site. */
    maxConcurrency: z.number().int().min(1).max(50).default(2),
    /** Requests to one host are spaced at least 60000/maxRequestsPerMinute ms apart (robots Crawl-delay wins if longer). */
    maxRequestsPerMinute: z.number().min(1).default(60),
    /** First retry waits this long, then doubles (a Retry-After header wins if longer, up to 60 s). */
    retryBackoffMs: z.number().int().min(0).default(1_000),
  })
  .prefault({});

const common = {
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lowercase letters, digits, "-" or "_"'),
  name: z.string().optional(),
  enabled: z.boolean().default(true),
  /** Cron of the scheduled crawl (6 fields = with seconds), in `timezone`. */
  schedule: cronField,
  /** Zone of the schedule and of dates written without one on the site; the crawl's default when absent. */
  timezone: timeZone.optional(),
  /** A document is kept only if its title or body contains one of these (case-insensitive). */
  topics: z.array(z.string().min(1)).min(1),
  /** Hosts whose links may be followed; the hosts of the source's URLs when absent. Subdomains included. */
  allowedDomains: z.array(z.string().min(1)).optional(),
  /** Store author names in clear instead of salted hashes (only for public officials/media accounts). */
  storeAuthorNames: z.boolean().default(false),
  /** Force a charset (e.g. gb18030) when a site declares a wrong one. */
  charset: z.string().optional(),
  /** Re-fetch already-seen article pages after this many hours (content hashes still suppress unchanged ones). */
  recrawlAfterHours: z.number().min(0).optional(),
  limits: Limits,
  politeness: Politeness,
};

const url = z.string().url();

export const HtmlSource = z.strictObject({
  ...common,
  type: z.literal('html'),
  startUrls: z.array(url).min(1),
  list: List,
  detail: Detail,
});

export const BrowserSource = HtmlSource.extend({
  type: z.literal('browser'),
  /** Selector to wait for before reading a page (content built by JavaScript). */
  waitFor: z.string().min(1).optional(),
});

export const FeedSource = z.strictObject({
  ...common,
  type: z.enum(['rss', 'atom']),
  feedUrls: z.array(url).min(1),
  /** Fetch each item's link and read the full article with `detail`; otherwise keep the feed's summary. */
  follow: z.boolean().default(false),
  detail: Detail,
});

export const SitemapSource = z.strictObject({
  ...common,
  type: z.literal('sitemap'),
  /** A sitemap or a sitemap index. */
  sitemapUrls: z.array(url).min(1),
  /** Only page URLs matching this regular expression (RE2 syntax, see url-pattern.ts) are fetched. */
  urlPattern: UrlPatternField.optional(),
  detail: Detail,
});

/** Dotted paths into JSON (`data.items`, `user.name`, `tags.0`). */
const path = z.string().min(1);

export const JsonSource = z.strictObject({
  ...common,
  type: z.literal('json'),
  /** First API page. */
  url,
  itemsPath: path,
  fields: z.strictObject({
    id: path,
    text: path,
    title: path.optional(),
    author: path.optional(),
    publishedAt: path.optional(),
    url: path.optional(),
  }),
  /** Item URL when `fields.url` is absent: `{id}` is replaced by the item's id. */
  itemUrlTemplate: z.string().optional(),
  paging: z
    .discriminatedUnion('type', [
      z.strictObject({ type: z.literal('none') }),
      /** `?<param>=<n>` counting up from `start` until a page has no items. */
      z.strictObject({ type: z.literal('page'), param: z.string().default('page'), start: z.number().int().default(1) }),
      /** The next page's URL (absolute or relative) is read from `nextPath`. */
      z.strictObject({ type: z.literal('next-url'), nextPath: path }),
      /** The next cursor is read from `nextPath` and sent as `?<param>=<cursor>`. */
      z.strictObject({ type: z.literal('cursor'), param: z.string().default('cursor'), nextPath: path }),
    ])
    .default({ type: 'none' }),
});

export const SourceConfig = z.discriminatedUnion('type', [HtmlSource, BrowserSource, FeedSource, SitemapSource, JsonSource]);
export type SourceConfig = z.infer<typeof SourceConfig>;
export type SourceConfigInput = z.input<typeof SourceConfig>;
export type HtmlSource = z.infer<typeof HtmlSource>;
export type BrowserSource = z.infer<typeof BrowserSource>;
export type FeedSource = z.infer<typeof FeedSource>;
export type SitemapSource = z.infer<typeof SitemapSource>;
export type JsonSource = z.infer<typeof JsonSource>;

/** The sources file: `sources:` list plus optional shared `defaults` merged under each source. */
export const SourcesFile = z.strictObject({
  defaults: z.record(z.string(), z.unknown()).optional(),
  sources: z.array(z.unknown()).min(1),
});
