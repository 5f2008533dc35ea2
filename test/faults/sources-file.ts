/**
 * Writes a sources YAML (the format of docs/sources.md / crawlers/sources/source-config.ts) for a generated fixture
 * site into a temp dir, and reads it back through the real loader so a typo fails here, not in a worker.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadSources } from '../../crawlers/index.js';

export interface FixtureSourceOptions {
  id: string;
  startUrls: string[];
  /** Page limit of one run; must exceed lists + articles. */
  maxPages: number;
  maxRetries?: number;
  retryBackoffMs?: number;
  maxConcurrency?: number;
  maxPageBytes?: number;
  timeoutMs?: number;
  /** Document limit of one run (the source default is 2000): set it above the site's article count. */
  maxDocuments?: number;
  charset?: string;
}

export function fixtureSource(o: FixtureSourceOptions): Record<string, unknown> {
  return {
    id: o.id,
    name: `fault fixture ${o.id}`,
    type: 'html',
    schedule: '0 0 * * * *',
    topics: ['微商', '代理', '囤货', '退款', '传销'],
    startUrls: o.startUrls,
    list: { itemLink: 'ul.post-list a.title' },
    detail: { title: 'h1.title', body: 'div.content', author: '.meta .author', publishedAt: '.meta .pub' },
    limits: {
      maxPages: o.maxPages,
      maxDepth: 1,
      maxRetries: o.maxRetries ?? 2,
      ...(o.maxPageBytes ? { maxPageBytes: o.maxPageBytes } : {}),
      ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
      ...(o.maxDocuments ? { maxDocuments: o.maxDocuments } : {}),
    },
    politeness: { maxConcurrency: o.maxConcurrency ?? 6, maxRequestsPerMinute: 600_000, retryBackoffMs: o.retryBackoffMs ?? 100 },
    ...(o.charset ? { charset: o.charset } : {}),
  };
}

/** Writes `sources.yaml` into `dir` and returns its path (validated by loadSources). */
export function writeSourcesFile(dir: string, sources: Array<Record<string, unknown>>, name = 'sources.yaml'): string {
  const file = join(dir, name);
  writeFileSync(file, stringify({ sources }));
  loadSources(file);
  return file;
}
