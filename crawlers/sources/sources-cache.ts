/**
 * Sources files parsed once per file version in a long-lived process (the one that runs crawl jobs): every crawl job
 * used to re-read and re-validate the whole file. A version is the file's path, size, mtime, ctime and inode (an
 * edit or an atomic replace changes one of them) plus the placeholder values. The parsed sources are shared between
 * jobs and must be treated as read-only.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SourceConfig } from './source-config.js';
import { loadSources } from './load-sources.js';

export interface SourcesCache {
  /** The sources of `file`, parsed again only when the file (or `vars`) changed since the last call. */
  load(file: string, vars?: Record<string, string>): readonly SourceConfig[];
}

/** Different files (or vars) kept at once; the oldest is dropped beyond this. */
const MAX_ENTRIES = 16;

export function createSourcesCache(load: typeof loadSources = loadSources): SourcesCache {
  const entries = new Map<string, { version: string; sources: readonly SourceConfig[] }>();
  return {
    load(file, vars = {}) {
      const key = `${resolve(file)}\n${JSON.stringify(Object.entries(vars).sort())}`;
      let version: string;
      try {
        const st = statSync(file);
        version = `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
      } catch {
        // Missing or unreadable: let the loader say so, and forget what it held.
        entries.delete(key);
        return load(file, vars);
      }
      const hit = entries.get(key);
      if (hit?.version === version) return hit.sources;
      const sources = load(file, vars);
      entries.delete(key);
      entries.set(key, { version, sources });
      if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      return sources;
    },
  };
}
