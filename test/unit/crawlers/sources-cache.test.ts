/**
 * Sources files in a crawl worker (issue #15.6): parsed once per file version, not once per job, and refused before
 * they are read when absurdly large.
 */
import { mkdtempSync, renameSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSourcesCache, loadSources, MAX_SOURCES_FILE_BYTES } from '../../../crawlers/index.js';

const dir = mkdtempSync(join(tmpdir(), 'pulse-sources-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const source = (id: string): string => `  - { id: ${id}, type: rss, schedule: "0 * * * *", topics: [a], feedUrls: ["{{baseUrl}}/feed"] }\n`;

function countingCache(): { cache: ReturnType<typeof createSourcesCache>; parses: () => number } {
  let n = 0;
  const cache = createSourcesCache((file, vars) => {
    n++;
    return loadSources(file, vars);
  });
  return { cache, parses: () => n };
}

describe('sources cache', () => {
  it('parses a file once for any number of jobs, and again only when it changes', () => {
    const file = join(dir, 'sources.yaml');
    writeFileSync(file, 'sources:\n' + source('a'));
    const { cache, parses } = countingCache();
    const vars = { baseUrl: 'http://127.0.0.1:1' };
    const first = cache.load(file, vars);
    for (let i = 0; i < 5; i++) expect(cache.load(file, vars)).toBe(first);
    expect(parses()).toBe(1);
    expect(first.map((s) => s.id)).toEqual(['a']);

    writeFileSync(file, 'sources:\n' + source('a') + source('b'));
    utimesSync(file, new Date(0), new Date(0));
    expect(cache.load(file, vars).map((s) => s.id)).toEqual(['a', 'b']);
    expect(parses()).toBe(2);

    // Same size and mtime, replaced atomically (a deploy's rename): the new inode (and ctime) make it a new version.
    const next = join(dir, 'next.yaml');
    writeFileSync(next, 'sources:\n' + source('c') + source('d'));
    utimesSync(next, new Date(0), new Date(0));
    renameSync(next, file);
    expect(cache.load(file, vars).map((s) => s.id)).toEqual(['c', 'd']);
    expect(parses()).toBe(3);

    // Other placeholder values are another entry, not a stale hit.
    const other = cache.load(file, { baseUrl: 'http://127.0.0.1:2' });
    expect(other[0]).toMatchObject({ feedUrls: ['http://127.0.0.1:2/feed'] });
    expect(cache.load(file, vars)).toMatchObject([{ feedUrls: ['http://127.0.0.1:1/feed'] }, { id: 'd' }]);
    expect(parses()).toBe(4);
  });

  it('does not cache a file that fails to load, and reports it every time', () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'sources: [\n');
    const { cache, parses } = countingCache();
    expect(() => cache.load(file)).toThrow('is not valid YAML');
    expect(() => cache.load(file)).toThrow('is not valid YAML');
    expect(parses()).toBe(2);
    expect(() => cache.load(join(dir, 'missing.yaml'))).toThrow(expect.objectContaining({ code: 'SOURCE_FILE_UNREADABLE' }));
  });
});

describe('sources file size', () => {
  it('refuses a file over 5 MB before reading it, naming the file and its size', () => {
    expect(MAX_SOURCES_FILE_BYTES).toBe(5 * 1024 * 1024);
    const file = join(dir, 'huge.yaml');
    // A sparse file of NUL bytes: were it read and parsed, the error would be a YAML one, not this.
    writeFileSync(file, '');
    truncateSync(file, 6 * 1024 * 1024);
    expect(() => loadSources(file)).toThrow(
      `sources file ${file} is 6.0 MB (6291456 bytes), over the limit of 5.0 MB (5242880 bytes) for a sources file: is it the right file? Split it if it really holds that many sources`,
    );
    expect(() => createSourcesCache().load(file)).toThrow(expect.objectContaining({ code: 'SOURCE_FILE_TOO_LARGE', context: { file } }));
  });

  it('loads a file just under the limit', () => {
    const file = join(dir, 'big-but-fine.yaml');
    const head = 'sources:\n' + source('a');
    writeFileSync(file, head + '#'.repeat(MAX_SOURCES_FILE_BYTES - head.length - 1) + '\n');
    expect(loadSources(file, { baseUrl: 'http://x.example' }).map((s) => s.id)).toEqual(['a']);
  });
});
