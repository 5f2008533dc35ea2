/**
 * A list+detail source (links `a.t`, title `h1`, body `.body`, topic 微商) parsed as a sources file would be, for
 * crawler tests that serve their own pages: only what the test is about (type, start URLs, politeness) is given.
 */
import { parseSources, type SourceConfig } from '../../crawlers/index.js';

export interface ListDetailSourceOptions {
  id: string;
  type: 'html' | 'browser';
  /** May use {{baseUrl}}. */
  startUrls: string[];
  politeness: Record<string, unknown>;
}

export function listDetailSource(options: ListDetailSourceOptions, baseUrl: string): SourceConfig {
  const raw = { ...options, schedule: '0 0 * * *', topics: ['微商'], list: { itemLink: 'a.t' }, detail: { title: 'h1', body: '.body' } };
  return parseSources({ sources: [raw] }, 'inline', { baseUrl })[0] as SourceConfig;
}
