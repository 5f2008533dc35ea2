/**
 * Plain-HTTP fetching through crawlee's HttpCrawler (CheerioCrawler's base class: CheerioCrawler decodes bytes as
 * UTF-8 before we could sniff `<meta charset>`, so we take the raw bytes and parse with cheerio ourselves).
 * Adds what the project needs on top: identifiable UA, HTTP/1.1 without header generator or proxies, SSRF/domain
 * checks and the host's request spacing on every redirect hop, a byte cap, retries with exponential backoff on
 * 429/5xx/timeouts, private in-memory storage.
 */
import { Transform } from 'node:stream';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { Configuration, HttpCrawler, Log, LogLevel } from '@crawlee/cheerio';
import { CrawlError } from '../errors.js';
import type { FetchRequest, Fetcher, FetcherHooks, FetcherSettings } from './fetcher.js';
import { backoffMs, classifyFetchError } from './classify-fetch-error.js';


/** The part of crawlee's context the byte cap touches. */
interface Ctx {
  request: { url: string; noRetry: boolean };
  response?: unknown;
}

/** Replaces the response stream with one that fails (without retry) once more than `max` bytes arrived. */
function capResponse(ctx: Ctx, max: number, sourceId: string): void {
  const original = ctx.response as IncomingMessage;
  const url = ctx.request.url;
  const declared = Number(original.headers['content-length'] ?? NaN);
  const tooLarge = (): CrawlError => {
    ctx.request.noRetry = true;
    return new CrawlError('PAGE_TOO_LARGE', `page larger than ${max} bytes: ${url}`, { sourceId, url });
  };
  if (Number.isFinite(declared) && declared > max) {
    original.destroy();
    throw tooLarge();
  }
  let seen = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > max) {
        original.destroy();
        done(tooLarge());
      } else done(null, chunk);
    },
  });
  original.on('error', (e) => limiter.destroy(e));
  const capped = original.pipe(limiter);
  Object.assign(capped, { statusCode: original.statusCode, headers: original.headers, url: (original as { url?: string }).url });
  (ctx as { response: unknown }).response = capped;
}

export function createHttpFetcher(settings: FetcherSettings, hooks: FetcherHooks): Fetcher {
  const { sourceId, limits, politeness } = settings;
  const config = new Configuration({ persistStorage: false, purgeOnStart: false });
  // Keep-alive sockets, bounded by the source's concurrency (got would otherwise open a connection per page).
  const agentOptions = { keepAlive: true, maxSockets: politeness.maxConcurrency, timeout: limits.timeoutMs };
  const agent = { http: new HttpAgent(agentOptions), https: new HttpsAgent(agentOptions) };
  const crawler = new HttpCrawler(
    {
      log: new Log({ level: LogLevel.OFF }),
      useSessionPool: false,
      persistCookiesPerSession: false,
      ignoreSslErrors: false,
      // Raw bytes through: decode-body.ts picks the charset (header, meta, sniffing), not crawlee.
      forceResponseEncoding: 'binary',
      additionalMimeTypes: ['*/*'],
      additionalHttpErrorStatusCodes: [408, 429],
      maxRequestRetries: limits.maxRetries,
      navigationTimeoutSecs: limits.timeoutMs / 1000,
      requestHandlerTimeoutSecs: Math.max(30, (limits.timeoutMs / 1000) * 2) + settings.maxThrottleWaitMs / 1000,
      maxConcurrency: politeness.maxConcurrency,
      minConcurrency: politeness.maxConcurrency,
      keepAlive: false,
      preNavigationHooks: [
        async (ctx, gotOptions) => {
          // A verdict a redirect hook left on an earlier attempt must not be read as this attempt's.
          delete ctx.request.userData['__refusal'];
          try {
            await hooks.checkUrl(ctx.request.url);
          } catch (error) {
            ctx.request.noRetry = true;
            throw error;
          }
          await hooks.throttle(ctx.request.url);
          const sentAt = Date.now();
          Object.assign(gotOptions, {
            headers: { 'user-agent': settings.userAgent, accept: settings.accept ?? '*/*', 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' },
            useHeaderGenerator: false,
            http2: false,
            agent,
            followRedirect: true,
            maxRedirects: 5,
            hooks: {
              beforeRedirect: [
                async (next: { url: URL | string }) => {
                  const hop = String(next.url);
                  try {
                    await hooks.checkUrl(hop);
                    // Each hop is one more request to its host: it waits for that host's next slot like any other
                    // (within what the request's timeout, running since the first request left, allows).
                    await hooks.throttleHop(hop, sentAt);
                  } catch (error) {
                    // Refusals are final; a busy or unreachable host schedule (retryable) lets the request try again.
                    if (!(error instanceof CrawlError && error.retryable)) ctx.request.noRetry = true;
                    ctx.request.userData['__refusal'] = error instanceof CrawlError ? { code: error.code, message: error.message } : undefined;
                    throw error;
                  }
                },
              ],
            },
          });
        },
      ],
      postNavigationHooks: [async (ctx) => capResponse(ctx, limits.maxPageBytes, sourceId)],
      requestHandler: async (ctx) => {
        const response = ctx.response as IncomingMessage;
        await hooks.onResponse(
          {
            url: ctx.request.url,
            finalUrl: ctx.request.loadedUrl ?? ctx.request.url,
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.isBuffer(ctx.body) ? ctx.body : Buffer.from(ctx.body, 'latin1'),
          },
          ctx.request.userData,
        );
      },
      errorHandler: async (ctx, error) => {
        const e = classifyFetchError(error, ctx.request, sourceId);
        if (!e.retryable) {
          ctx.request.noRetry = true;
          return;
        }
        const retryAfter = (ctx.response as IncomingMessage | undefined)?.headers?.['retry-after'];
        await new Promise((r) => setTimeout(r, backoffMs(politeness.retryBackoffMs, ctx.request.retryCount, retryAfter)));
      },
      failedRequestHandler: async (ctx, error) => {
        await hooks.onFailure(ctx.request.url, ctx.request.userData, classifyFetchError(error, ctx.request, sourceId, true));
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
        agent.http.destroy();
        agent.https.destroy();
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
