/** Sources of the hostile cases: polite limits switched off (the sites are ours, on loopback), topics that match. */
export const hostileTopics = ['微商', '代理', '囤货'];

export function hostileSource(id: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id,
    schedule: '0 0 * * * *',
    topics: hostileTopics,
    limits: { maxRetries: 0, timeoutMs: 10_000, ...(fields['limits'] as object | undefined) },
    politeness: { maxConcurrency: 4, maxRequestsPerMinute: 600_000, retryBackoffMs: 100 },
    ...Object.fromEntries(Object.entries(fields).filter(([k]) => k !== 'limits')),
  };
}

/** An html source reading `list` from the site: links `a.item`, articles with `h1` and `article`. */
export const htmlSource = (id: string, listUrl: string): Record<string, unknown> =>
  hostileSource(id, { type: 'html', startUrls: [listUrl], list: { itemLink: 'a.item' }, detail: { title: 'h1', body: 'article' } });

export const articlePage = (title: string): string =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><article>做微商代理，上家让我囤货。${title}</article></body></html>`;

export const listPage = (paths: string[]): string =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${paths.map((p) => `<a class="item" href="${p}">x</a>`).join('\n')}</body></html>`;
