/**
 * Reads a sources YAML file into validated SourceConfig[]: `{{name}}` placeholders are filled from `vars`, `defaults`
 * are merged under each source, and any problem throws one CrawlError naming the file, the source id and the field.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { CrawlError } from '../errors.js';
import { SourceConfig, SourcesFile } from './source-config.js';
import { checkSourcesFileSize } from './sources-file-size.js';

const placeholder = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

function fail(file: string, sourceId: string | undefined, field: string | undefined, message: string): never {
  const where = [sourceId !== undefined ? `source "${sourceId}"` : undefined, field ? `field ${field}` : undefined].filter(Boolean).join(', ');
  throw new CrawlError('SOURCE_CONFIG_INVALID', `invalid sources file ${file}: ${where ? `${where}: ` : ''}${message}`, { file, sourceId, field });
}

/** Replaces placeholders in every string of a parsed YAML tree; an unknown name is an error naming its field. */
function substitute(value: unknown, vars: Record<string, string>, onMissing: (name: string, field: string) => never, field = ''): unknown {
  if (typeof value === 'string') {
    return value.replace(placeholder, (_, name: string) => vars[name] ?? onMissing(name, field));
  }
  if (Array.isArray(value)) return value.map((v, i) => substitute(v, vars, onMissing, `${field}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars, onMissing, field ? `${field}.${k}` : k)]));
  }
  return value;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `defaults` under the source: nested objects (limits, politeness, detail) merge key by key. */
function mergeDefaults(defaults: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...defaults };
  for (const [k, v] of Object.entries(source)) {
    const d = out[k];
    out[k] = isPlainObject(d) && isPlainObject(v) ? mergeDefaults(d, v) : v;
  }
  return out;
}

const fieldPath = (issue: z.core.$ZodIssue): string =>
  issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');

/** Validates already-parsed YAML (the tests and the demo use this directly). */
export function parseSources(raw: unknown, file = '<inline>', vars: Record<string, string> = {}): SourceConfig[] {
  const top = SourcesFile.safeParse(raw);
  if (!top.success) {
    const issue = top.error.issues[0];
    fail(file, undefined, issue ? fieldPath(issue) || undefined : undefined, issue?.message ?? 'must be a mapping with a `sources:` list');
  }
  const defaults = top.data.defaults ?? {};
  const seen = new Set<string>();
  return top.data.sources.map((entry, index) => {
    const id = isPlainObject(entry) && typeof entry['id'] === 'string' ? entry['id'] : `#${index + 1}`;
    if (!isPlainObject(entry)) fail(file, id, undefined, 'must be a mapping');
    const filled = substitute(mergeDefaults(defaults, entry), vars, (name, field) =>
      fail(file, id, field, `placeholder {{${name}}} has no value (known: ${Object.keys(vars).join(', ') || 'none'})`),
    );
    const parsed = SourceConfig.safeParse(filled);
    if (!parsed.success) {
      // An unknown key (often a typo: `topic:` for `topics:`) is reported first and named as the field itself, with
      // the missing key it probably meant — zod lists the missing key first, which named the wrong line.
      const issues = parsed.error.issues;
      const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
      const unknown = issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : undefined;
      const field = issue ? [fieldPath(issue), unknown].filter(Boolean).join('.') : undefined;
      const got = issue && field ? valueAt(filled, issue.path) : undefined;
      const meant = issue?.code === 'unrecognized_keys' ? meantKey(issue.keys, issues) : undefined;
      fail(file, id, field, `${issue?.message ?? 'is invalid'}${got !== undefined ? `, got ${JSON.stringify(got)}` : ''}${meant ? ` (did you mean \`${meant}\`? it is missing)` : ''}`);
    }
    if (parsed.data.type === 'json' && !parsed.data.fields.url && !parsed.data.itemUrlTemplate) {
      fail(file, id, 'fields.url', 'a json source needs fields.url or itemUrlTemplate, so each document has a URL');
    }
    if (seen.has(parsed.data.id)) fail(file, id, 'id', 'is used by another source');
    seen.add(parsed.data.id);
    for (const u of sourceUrls(parsed.data)) {
      if (!/^https?:$/.test(new URL(u).protocol)) fail(file, id, undefined, `only http(s) URLs can be crawled, got ${u}`);
    }
    return parsed.data;
  });
}

/** The missing key (a required field zod found undefined) that an unknown key looks like a misspelling of. */
function meantKey(unknownKeys: readonly string[], issues: readonly z.core.$ZodIssue[]): string | undefined {
  const missing = issues.filter((i) => i.code === 'invalid_type' && i.path.length > 0).map((i) => String(i.path[i.path.length - 1]));
  const close = (a: string, b: string): boolean => a !== b && (a.startsWith(b) || b.startsWith(a) || editDistance(a, b) <= 2);
  return missing.find((m) => unknownKeys.some((k) => close(k.toLowerCase(), m.toLowerCase())));
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_v, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min((row[j] as number) + 1, (next[j - 1] as number) + 1, (row[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length] as number;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return typeof cur === 'object' ? undefined : cur;
}

export function loadSources(file: string, vars: Record<string, string> = {}): SourceConfig[] {
  checkSourcesFileSize(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CrawlError('SOURCE_FILE_UNREADABLE', `cannot read sources file ${file}: ${(error as Error).message}`, { file }, { cause: error });
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    fail(file, undefined, undefined, `is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  return parseSources(raw, file, vars);
}

/** The URLs a source starts from (they also give its default allowed domains). */
export function sourceUrls(source: SourceConfig): string[] {
  switch (source.type) {
    case 'html':
    case 'browser':
      return source.startUrls;
    case 'rss':
    case 'atom':
      return source.feedUrls;
    case 'sitemap':
      return source.sitemapUrls;
    case 'json':
      return [source.url];
  }
}
