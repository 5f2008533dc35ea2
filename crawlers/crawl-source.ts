/**
 * One crawl run of one source: (source, options, {seenSet, sink, log}) → CrawlSummary. Owns the frontier (allowed
 * domains, depth/page limits, robots.txt, seen-set), dispatches fetched pages to the source type's handler and
 * feeds drafts through topic filter and seen-set to the sink. Page failures are counted, never thrown; config and
 * sink failures throw.
 */
import { CrawlError } from './errors.js';
import type { RawDocument } from './raw-document.js';
import type { SeenSet } from './seen-set.js';
import type { SourceConfig } from './sources/source-config.js';
import { sourceUrls } from './sources/load-sources.js';
import { emptySummary, type CrawlSummary, type SkipReason } from './crawl-summary.js';
import { silentLogger, type CrawlLogger } from './logger.js';
import { DocumentEmitter } from './document-emitter.js';
import { createDocumentBudget } from './document-budget.js';
import { buildDocument } from './build-document.js';
import { canonicalUrl, isAllowedHost } from './extract/canonical-url.js';
import { decodeBody } from './extract/decode-body.js';
import { createAddressGuard } from './politeness/address-guard.js';
import { createRobotsCache } from './politeness/robots-cache.js';
import { createDomainThrottle } from './politeness/domain-throttle.js';
import { describeNetworkError } from './fetch/describe-network-error.js';
import type { HostSlots } from './politeness/host-slots.js';
import { createHttpFetcher } from './fetch/http-fetcher.js';
import type { FetchRequest, Fetcher, RawResponse } from './fetch/fetcher.js';
import { handlerFor, startLabel } from './source-types/handler-for-source.js';
import { inflateSitemap } from './source-types/sitemap-pages.js';
import type { FollowLink, ItemDraft, PageLabel } from './source-types/page-handler.js';

export interface CrawlOptions {
  /** Identifiable user agent, e.g. "PulseBot/0.1 (+https://example.org/pulse-bot)". */
  userAgent: string;
  /** Salt for author hashes. */
  authorSalt: string;
  /** Zone of dates written without one; a source's own `timezone` wins. @default 'Asia/Shanghai' */
  timezone?: string;
  /** Internal addresses the crawler may reach: true = all (never in production), or a list of hosts/IPs. @default false */
  allowPrivateAddresses?: boolean | readonly string[];
  /** Chromium for `browser` sources. @default '/usr/bin/chromium' */
  chromiumPath?: string;
  /** Documents per sink call. @default 50 */
  batchSize?: number;
  /** Clock for relative dates ("5分钟前") and fetchedAt; tests inject it. */
  now?: () => Date;
  /**
   * With shared `hostSlots`: the longest a request waits for its host's slot before it gives up (HOST_BUSY, retried
   * with backoff). Other runs' bookings count too, so this is larger than one run's own worst case.
   * @default 120_000 (or this run's own worst case, when longer)
   */
  maxHostWaitMs?: number;
}

export interface CrawlDeps {
  seenSet: SeenSet;
  sink: (docs: RawDocument[]) => Promise<void>;
  log?: CrawlLogger;
  /** Per-host request schedule shared with other runs (e.g. Redis). @default this run's own, in process */
  hostSlots?: HostSlots;
}

interface RequestData {
  label: PageLabel;
  depth: number;
  marker?: string;
  draft?: Partial<ItemDraft>;
}

const failureReason: Partial<Record<CrawlError['code'], SkipReason>> = {
  PAGE_TOO_LARGE: 'tooLarge',
  ADDRESS_FORBIDDEN: 'forbiddenAddress',
  OFF_DOMAIN: 'offDomain',
  ROBOTS_DISALLOWED: 'robots',
};

export async function crawlSource(source: SourceConfig, options: CrawlOptions, deps: CrawlDeps): Promise<CrawlSummary> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const log = deps.log ?? silentLogger;
  const summary = emptySummary(source.id, source.type, started);
  const timezone = source.timezone ?? options.timezone ?? 'Asia/Shanghai';
  const allowedDomains = source.allowedDomains ?? [...new Set(sourceUrls(source).map((u) => new URL(u).hostname))];
  const guard = createAddressGuard(options.allowPrivateAddresses ?? false, { sourceId: source.id });
  const emitter = new DocumentEmitter({ sourceId: source.id, seenSet: deps.seenSet, sink: deps.sink, batchSize: options.batchSize ?? 50, summary, now });
  const handler = handlerFor(source, { timezone, now, log });
  const robots = createRobotsCache({
    userAgent: options.userAgent,
    timeoutMs: source.limits.timeoutMs,
    checkUrl: (u) => guard.check(u),
    onUnreachable: (url, reason, error) => {
      // A host that cannot be reached at all is a site that is down, not a robots.txt problem: say which.
      const down = describeNetworkError(error);
      const host = new URL(url).host;
      if (down) {
        summary.errors.push({ url, code: 'SITE_UNREACHABLE', message: `${host} unreachable: ${down.what} [${down.code}]; nothing on this site was fetched` });
        log.warn({ sourceId: source.id, url, code: down.code }, `${host} unreachable: ${down.what}`);
        return;
      }
      summary.errors.push({ url, code: 'ROBOTS_UNREACHABLE', message: `robots.txt of ${host} unreachable (${reason}); nothing on this site is fetched` });
      log.warn({ sourceId: source.id, url, reason }, 'robots.txt unreachable: treating the site as disallowed');
    },
  });
  const queued = new Set<string>();
  const budget = createDocumentBudget(source.limits.maxDocuments, summary);
  let admitted = 0;
  let fatal: CrawlError | undefined;
  let fetcher: Fetcher | undefined;

  // Address first: a redirect into the internal network is reported as such even when it also leaves the domain.
  // Robots last: reading a host's robots.txt is itself a request, made only to hosts that passed the other checks.
  // The fetchers call this before each request and on every redirect hop, so a redirect into a disallowed path is
  // refused too (links were already checked against robots.txt when admitted; their rules are cached).
  const checkUrl = async (url: string): Promise<void> => {
    await guard.check(url);
    if (!isAllowedHost(new URL(url).hostname, allowedDomains)) {
      throw new CrawlError('OFF_DOMAIN', `refused ${url}: outside the allowed domains (${allowedDomains.join(', ')})`, { sourceId: source.id, url });
    }
    if (source.politeness.respectRobotsTxt && !(await robots.rulesFor(url)).isAllowed(url)) {
      throw new CrawlError('ROBOTS_DISALLOWED', `refused ${url}: disallowed by its robots.txt (reached by a redirect)`, { sourceId: source.id, url });
    }
  };

  const recrawlDue = (seenAt: string): boolean =>
    source.recrawlAfterHours !== undefined && now().getTime() - Date.parse(seenAt) >= source.recrawlAfterHours * 3_600_000;

  /**
   * Applies domains, limits, robots and the seen-set to links; returns the requests worth fetching. Links are read
   * lazily in chunks (a feed may list tens of thousands); past the document limit they are only counted.
   */
  const admit = async (links: Iterable<FollowLink>): Promise<FetchRequest[]> => {
    const out: FetchRequest[] = [];
    for (const chunk of chunks(links, 500)) out.push(...(await admitChunk(chunk)));
    return out;
  };

  const admitChunk = async (links: FollowLink[]): Promise<FetchRequest[]> => {
    const fresh = links.filter((l) => !queued.has(l.url) && (queued.add(l.url), true));
    if (!budget.open) {
      for (let i = 0; i < fresh.length; i++) budget.refuse();
      return [];
    }
    const details = fresh.filter((l) => l.label === 'DETAIL');
    const entries = await deps.seenSet.getMany(source.id, details.map((l) => l.url));
    const seenByUrl = new Map(details.map((l, i) => [l.url, entries[i] ?? null]));
    const out: FetchRequest[] = [];
    for (const link of fresh) {
      const skip = (reason: SkipReason): void => void summary.skipped[reason]++;
      if (!isAllowedHost(new URL(link.url).hostname, allowedDomains)) skip('offDomain');
      else if (link.label !== 'DETAIL' && link.depth > source.limits.maxDepth) skip('limit');
      else if (source.politeness.respectRobotsTxt && !(await robots.rulesFor(link.url)).isAllowed(link.url)) skip('robots');
      else {
        const entry = seenByUrl.get(link.url);
        const changed = entry && link.marker !== undefined && entry.marker !== link.marker;
        if (entry && !changed && !recrawlDue(entry.seenAt)) skip('seen');
        else if (admitted >= source.limits.maxPages) skip('limit');
        // Once the document limit is reached, further list/API/sitemap pages could only lead to more refusals.
        else if (!budget.open) budget.refuse();
        else {
          if (link.label === 'DETAIL') budget.take();
          admitted++;
          const userData: RequestData = { label: link.label, depth: link.depth, marker: link.marker, draft: link.draft };
          out.push({ url: link.url, userData: userData as unknown as Record<string, unknown> });
        }
      }
    }
    return out;
  };

  /** Returns true when the draft became a document handed to the sink (unchanged and off-topic ones do not). */
  const handleDraft = async (draft: ItemDraft, fetchedDetail: boolean): Promise<boolean> => {
    const outcome = buildDocument(draft, { source, authorSalt: options.authorSalt, timezone, now: now() });
    if (outcome.kind === 'skip') {
      summary.skipped[outcome.reason]++;
      if (fetchedDetail) await emitter.rememberWithoutDocument(draft.url, draft.marker);
      return false;
    }
    return emitter.offer(outcome.doc, draft.marker);
  };

  /**
   * Items of a feed or JSON page take from the document budget as they become documents; an article page's item
   * was paid for when its link was admitted. Items are pulled one at a time, so memory stays flat.
   */
  const handleItems = async (items: Iterable<ItemDraft>, label: PageLabel): Promise<void> => {
    const detail = label === 'DETAIL';
    for (const item of items) {
      if (!detail && !budget.open) budget.refuse();
      else if ((await handleDraft(item, detail)) && !detail) budget.take();
    }
  };

  const onResponse = async (res: RawResponse, raw: Record<string, unknown>): Promise<void> => {
    const data = raw as unknown as RequestData;
    summary.pagesFetched++;
    if (fatal) return;
    if (res.status >= 400) {
      summary.skipped.error++;
      summary.errors.push({ url: res.url, code: 'HTTP_STATUS', message: `HTTP ${res.status}` });
      return;
    }
    const contentType = String(res.headers['content-type'] ?? '');
    // Article and list pages must be markup; a PDF or image behind an article link is not read as text.
    if ((data.label === 'DETAIL' || data.label === 'LIST') && contentType && !/html|xml|text\/plain/i.test(contentType)) {
      summary.skipped.error++;
      summary.errors.push({ url: res.url, code: 'UNSUPPORTED_CONTENT', message: `not an HTML page (${contentType.split(';')[0]})` });
      return;
    }
    try {
      const body = data.label === 'SITEMAP' ? inflateSitemap(res.body, res.url, source.limits.maxPageBytes, source.id) : res.body;
      const text = source.type === 'browser' ? body.toString('utf8') : decodeBody(body, contentType, source.charset).text;
      const result = handler({ url: res.url, finalUrl: canonicalUrl(res.finalUrl), label: data.label, depth: data.depth, contentType, text, draft: data.draft ? { ...data.draft, marker: data.marker } : data.marker ? { marker: data.marker } : undefined });
      await handleItems(result.items, data.label);
      const next = await admit(result.follow);
      await fetcher?.enqueue(next);
    } catch (error) {
      if (error instanceof CrawlError && error.code === 'SINK_FAILED') {
        fatal ??= error;
        await fetcher?.abort();
        return;
      }
      summary.skipped[error instanceof CrawlError ? (failureReason[error.code] ?? 'error') : 'error']++;
      summary.errors.push({ url: res.url, code: error instanceof CrawlError ? error.code : 'PARSE_FAILED', message: (error as Error).message });
      log.warn({ sourceId: source.id, url: res.url, err: error }, 'page could not be processed');
    }
  };

  const onFailure = async (url: string, _data: Record<string, unknown>, error: CrawlError): Promise<void> => {
    if (fatal) return;
    summary.skipped[failureReason[error.code] ?? 'error']++;
    summary.errors.push({ url, code: error.code, message: error.message });
    log.warn({ sourceId: source.id, url, code: error.code }, error.message);
  };

  const throttle = createDomainThrottle({
    baseIntervalMs: 60_000 / source.politeness.maxRequestsPerMinute,
    crawlDelayMs: async (url) => (source.politeness.respectRobotsTxt ? ((await robots.rulesFor(url)).crawlDelaySecs ?? 0) * 1000 : 0),
    sourceId: source.id,
    ...(deps.hostSlots ? { slots: deps.hostSlots } : {}),
  });
  const starts = sourceUrls(source).map((u): FollowLink => ({ url: canonicalUrl(u), label: startLabel(source), depth: 0 }));
  log.info({ sourceId: source.id, type: source.type, starts: starts.map((s) => s.url) }, 'crawl started');
  // Admitting the start URLs reads robots.txt first, so its Crawl-delay is known before the first request.
  const startRequests = await admit(starts);
  for (const r of startRequests) await throttle.prime(r.url);
  const settings = {
    sourceId: source.id,
    userAgent: options.userAgent,
    limits: source.limits,
    politeness: source.politeness,
    // A shared schedule holds other runs' bookings too; this run's own worst case would be too short a budget.
    maxThrottleWaitMs: Math.max(throttle.worstWaitMs(source.politeness.maxConcurrency), deps.hostSlots ? (options.maxHostWaitMs ?? 120_000) : 0),
  };
  // In process, every wait is bounded by this run's own bookings, so none is capped (as before shared schedules).
  const waitCap = deps.hostSlots ? settings.maxThrottleWaitMs : undefined;
  const throttleHook = async (url: string, cap = waitCap): Promise<void> => {
    try {
      await throttle.wait(url, cap);
    } catch (error) {
      // Without the shared schedule no request may go out politely: stop the run; the job is retried as a whole.
      if (error instanceof CrawlError && error.code === 'HOST_SLOTS_UNAVAILABLE' && !fatal) {
        fatal = error;
        log.warn({ sourceId: source.id, url, err: error.message }, 'shared host schedule unreachable: stopping the run');
        await fetcher?.abort();
      }
      throw error;
    }
  };
  const throttleHop = async (url: string, requestStartedAt: number): Promise<void> => {
    const budget = (source.limits.timeoutMs - (Date.now() - requestStartedAt)) / 2;
    try {
      await throttleHook(url, Math.min(budget, waitCap ?? Number.POSITIVE_INFINITY));
    } catch (error) {
      if (!(error instanceof CrawlError && error.code === 'HOST_BUSY')) throw error;
      log.debug({ sourceId: source.id, url }, 'redirect hop goes unspaced: its host slot lies beyond the request timeout');
    }
  };
  const hooks = { checkUrl, checkAddress: (u: string) => guard.check(u), throttle: (u: string) => throttleHook(u), throttleHop, onResponse, onFailure };
  fetcher =
    source.type === 'browser'
      ? // Loaded only for browser sources: Playwright is heavy and plain-HTTP workers never need it.
        (await import('./fetch/browser-fetcher.js')).createBrowserFetcher({ ...settings, chromiumPath: options.chromiumPath ?? '/usr/bin/chromium', waitFor: source.waitFor }, hooks)
      : createHttpFetcher(settings, hooks);
  await fetcher.run(startRequests);
  if (!fatal) await emitter.flush().catch((e: unknown) => void (fatal = e as CrawlError));
  const finished = now();
  summary.finishedAt = finished.toISOString();
  summary.durationMs = finished.getTime() - started.getTime();
  if (fatal) throw fatal;
  const notice = budget.notice();
  if (notice) {
    summary.limitReached = { code: 'DOCUMENT_LIMIT', message: notice };
    log.warn({ sourceId: source.id, code: 'DOCUMENT_LIMIT', maxDocuments: source.limits.maxDocuments, refused: summary.skipped.documentLimit }, notice);
  }
  log.info({ sourceId: source.id, pagesFetched: summary.pagesFetched, documentsEmitted: summary.documentsEmitted, skipped: summary.skipped, errors: summary.errors.length }, 'crawl finished');
  return summary;
}

/** Groups an iterable into arrays of `size`, pulling from it only as each group is needed. */
function* chunks<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let group: T[] = [];
  for (const item of items) {
    group.push(item);
    if (group.length === size) {
      yield group;
      group = [];
    }
  }
  if (group.length > 0) yield group;
}
