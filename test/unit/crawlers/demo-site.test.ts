/** The committed demo site is exactly what the generator renders (deterministic, and not stale). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoSiteDir, renderDemoSite } from '../../../infra/demo-site/generate-demo-site.js';
import { demoArticles } from '../../../infra/demo-site/demo-articles.js';

describe('demo site', () => {
  it('committed files equal a fresh render', () => {
    const files = renderDemoSite();
    expect(renderDemoSite()).toEqual(files);
    for (const [path, content] of files) expect(readFileSync(join(demoSiteDir, path), 'utf8'), path).toBe(content);
  });

  it('spans 14 days ending 2026-11-25 with a negative spike on 11-21', () => {
    const days = new Set(demoArticles.map((a) => a.at.slice(0, 10)));
    expect(days.size).toBe(14);
    expect([...days].sort().at(-1)).toBe('2026-11-25');
    const perDay = (d: string): number => demoArticles.filter((a) => a.at.startsWith(d) && a.kind === 'complaint').length;
    expect(perDay('2026-11-21')).toBeGreaterThanOrEqual(3 * Math.max(...[...days].filter((d) => d !== '2026-11-21').map(perDay)) / 2);
  });
});
