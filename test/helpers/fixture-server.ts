/**
 * Serves a fixture site from test/fixtures/sites/<name> (or the demo site) on 127.0.0.1:<random port> with the
 * project's own static server, plus optional custom handlers for flaky/slow/redirecting endpoints.
 */
import { fileURLToPath } from 'node:url';
import { serveStaticSite, type ServeOptions, type ServedSite } from '../../infra/demo-site/serve-demo-site.js';
import { demoSiteDir } from '../../infra/demo-site/generate-demo-site.js';

export const fixtureSitesDir = fileURLToPath(new URL('../fixtures/sites/', import.meta.url));

export function serveFixtureSite(name: string, options: ServeOptions = {}): Promise<ServedSite> {
  return serveStaticSite(name === 'demo' ? demoSiteDir : `${fixtureSitesDir}${name}`, { host: '127.0.0.1', port: 0, ...options });
}

export type { ServedSite, ServeOptions };
