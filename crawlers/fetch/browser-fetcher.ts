/**
 * Rendered fetching through crawlee's PlaywrightCrawler with Debian's Chromium (executablePath, never a downloaded
 * browser): our UA, no fingerprint injection, every request and redirect hop checked through the DevTools Fetch
 * domain (navigations: domain + address; subresources: address only; images/fonts/media skipped), 429/5xx retried
 * with backoff, a byte cap on the rendered DOM, private in-memory storage.
 */
import type { Page, Response } from 'playwright';
import { chromium } from 'playwright';
import { Configuration, Log, LogLevel, PlaywrightCrawler } from '@crawlee/playwright';
import { CrawlError, type CrawlErrorCode } from '../errors.js';
import type { FetchRequest, Fetcher, FetcherHooks, FetcherSettings } from './fetcher.js';
import { backoffMs, classifyFetchError } from './classify-fetch-error.js';

export interface BrowserFetcherSettings extends FetcherSettings {
  chromiumPath: string;
  /** Selector that must be present before the DOM is read. */
  waitFor?: string | undefined;
}

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

interface PausedRequest {
  requestId: string;
  frameId: string;
  resourceType: string;
  request: { url: string };
}

/**
 * Every request of the page — including each hop of a redirect chain, which Playwright's page.route() never sees —
 * is paused through the Chrome DevTools Fetch domain and checked: the main frame's documents against domain and
 * address (and, after the first, against the host's request spacing), everything else against address; images, fonts
 * and media are not loaded at all.
 */
async function guardPage(page: Page, hooks: FetcherHooks, userData: Record<string, unknown>): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  const mainFrame = frameTree.frame.id;
  // The page's first document request waits for its host's slot here, when it is paused on its way out, not before
  // the navigation: setting a page up and starting goto take 50–300 ms (more on busy cores), so a slot taken earlier
  // let the request reach the host that much late and the hop booked after it (which leaves within ms of its own
  // slot) that much too soon — 252 ms apart under a 500 ms spacing, measured. Later documents are redirect hops (or
  // script-driven navigations), each one more request to its host, within what the timeout left since the first left.
  let documents = 0;
  let leftAt = Date.now();
  cdp.on('Fetch.requestPaused', (event: PausedRequest) => {
    void (async () => {
      const { requestId, resourceType, request } = event;
      const fail = (): Promise<unknown> => cdp.send('Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' });
      // Nothing extracted needs them; the favicon is Chromium's own extra request to every site it renders.
      if (['Image', 'Font', 'Media'].includes(resourceType) || new URL(request.url).pathname === '/favicon.ico') return fail();
      const navigation = resourceType === 'Document' && event.frameId === mainFrame;
      try {
        if (navigation) {
          await hooks.checkUrl(request.url);
          if (documents++ === 0) {
            await hooks.throttle(request.url);
            leftAt = Date.now();
          } else await hooks.throttleHop(request.url, leftAt);
        } else await hooks.checkAddress(request.url);
      } catch (error) {
        if (navigation && error instanceof CrawlError) userData['__refusal'] = { code: error.code, message: error.message };
        return fail();
      }
      return cdp.send('Fetch.continueRequest', { requestId });
    })().catch(() => undefined); // the page may be gone already
  });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' }] });
}

export function createBrowserFetcher(settings: BrowserFetcherSettings, hooks: FetcherHooks): Fetcher {
  const { sourceId, limits, politeness } = settings;
  const config = new Configuration({ persistStorage: false, purgeOnStart: false });
  const crawler = new PlaywrightCrawler(
    {
      log: new Log({ level: LogLevel.OFF }),
      useSessionPool: false,
      persistCookiesPerSession: false,
      launchContext: {
        launcher: chromium,
        userAgent: settings.userAgent,
        useIncognitoPages: true,
        launchOptions: { executablePath: settings.chromiumPath, headless: true, args: chromiumArgs },
      },
      browserPoolOptions: { useFingerprints: false, retireBrowserAfterPageCount: 1000 },
      maxRequestRetries: limits.maxRetries,
      navigationTimeoutSecs: limits.timeoutMs / 1000,
      requestHandlerTimeoutSecs: Math.max(30, (limits.timeoutMs / 1000) * 2) + settings.maxThrottleWaitMs / 1000,
      maxConcurrency: politeness.maxConcurrency,
      keepAlive: false,
      preNavigationHooks: [
        async ({ page, request }, gotoOptions) => {
          // A verdict the page guard left on an earlier attempt must not be read as this attempt's.
          delete request.userData['__refusal'];
          try {
            await hooks.checkUrl(request.url);
          } catch (error) {
            request.noRetry = true;
            throw error;
          }
          if (gotoOptions) {
            gotoOptions.waitUntil = 'domcontentloaded';
            // The page's first request waits for its slot inside the navigation (see guardPage), so its timer gets
            // the longest wait on top; the timeout proper counts from when the request left.
            gotoOptions.timeout = limits.timeoutMs + settings.maxThrottleWaitMs;
          }
          await guardPage(page, hooks, request.userData);
        },
      ],
      postNavigationHooks: [
        async ({ request, response }) => {
          const refusal = request.userData['__refusal'] as { code: CrawlErrorCode; message: string } | undefined;
          if (refusal) {
            const error = new CrawlError(refusal.code, refusal.message, { sourceId, url: request.url });
            // Refusals are final; a busy or unreachable host schedule on a hop lets the request try again.
            if (!error.retryable) request.noRetry = true;
            throw error;
          }
          const status = (response as Response | null | undefined)?.status() ?? 0;
          if (status === 408 || status === 429 || status >= 500) throw new Error(`${status} - server answered ${status}`);
          const declared = Number((response as Response | null | undefined)?.headers()['content-length'] ?? NaN);
          if (Number.isFinite(declared) && declared > limits.maxPageBytes) {
            request.noRetry = true;
            throw new CrawlError('PAGE_TOO_LARGE', `page larger than ${limits.maxPageBytes} bytes: ${request.url}`, { sourceId, url: request.url });
          }
        },
      ],
      requestHandler: async ({ page, request, response }) => {
        if (settings.waitFor) await page.waitForSelector(settings.waitFor, { timeout: limits.timeoutMs });
        const html = await page.content();
        const body = Buffer.from(html, 'utf8');
        if (body.length > limits.maxPageBytes) {
          request.noRetry = true;
          throw new CrawlError('PAGE_TOO_LARGE', `rendered page larger than ${limits.maxPageBytes} bytes: ${request.url}`, { sourceId, url: request.url });
        }
        const res = response as Response | null | undefined;
        await hooks.onResponse({ url: request.url, finalUrl: page.url(), status: res?.status() ?? 200, headers: res?.headers() ?? {}, body }, request.userData);
      },
      errorHandler: async ({ request, response }, error) => {
        const e = classifyFetchError(error, request, sourceId);
        if (!e.retryable) {
          request.noRetry = true;
          return;
        }
        const retryAfter = (response as Response | null | undefined)?.headers()['retry-after'];
        await new Promise((r) => setTimeout(r, backoffMs(politeness.retryBackoffMs, request.retryCount, retryAfter)));
      },
      failedRequestHandler: async ({ request }, error) => {
        await hooks.onFailure(request.url, request.userData, classifyFetchError(error, request, sourceId, true));
      },
    },
    config,
  );
  const toRequests = (reqs: FetchRequest[]) => reqs.map((r) => ({ url: r.url, uniqueKey: r.url, userData: r.userData }));
  return {
    run: async (start) => {
      try {
        await crawler.run(toRequests(start));
      } finally {
        await crawler.teardown();
      }
    },
    enqueue: async (reqs) => {
      if (reqs.length > 0) await crawler.addRequests(toRequests(reqs));
    },
    abort: async () => {
      await crawler.autoscaledPool?.abort();
    },
  };
}
