/**
 * The logging surface the crawl layer needs. crawlers/ imports nothing of ours, so this is structural: a pino Logger
 * fits it, and so does `silentLogger` for library use.
 */
export interface CrawlLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const noop = (): void => undefined;
export const silentLogger: CrawlLogger = { debug: noop, info: noop, warn: noop, error: noop };
