import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNamespace } from '../../helpers/test-namespace.js';
import { createEsClient, ensureIndex } from '../../../infra/index.js';
import { buildSavedObjects, toNdjson, type SavedObject } from '../../../infra/kibana/saved-objects.js';
import { countSellerAdsLeftOut } from '../../../infra/elasticsearch/seller-ads-left-out.js';
import { indexDocuments } from '../../../infra/index.js';
import { makeAnalyzedDocument } from '../../helpers/make-analyzed-document.js';
import { importSavedObjects } from '../../../infra/kibana/import-saved-objects.js';
import { savedObjectsFile } from '../../../workers/cli/commands/kibana.js';
import { dropNamespace } from '../../helpers/drop-namespace.js';

const ns = testNamespace('kibana');
const es = createEsClient(ns.config);
const ndjson = readFileSync(savedObjectsFile, 'utf8');
const objects = ndjson.trim().split('\n').map((line) => JSON.parse(line) as SavedObject);

/** Every field name a saved object reads: Lens columns, data view time field, saved search columns/sort, KQL, Vega. */
function fieldsUsed(o: SavedObject): string[] {
  const a = o.attributes;
  const out: string[] = [];
  const kql = (q: unknown): void => {
    for (const m of String(q ?? '').matchAll(/([A-Za-z_@][\w.@]*)\s*:/g)) out.push(m[1]!);
  };
  const meta = (a['kibanaSavedObjectMeta'] as { searchSourceJSON?: string } | undefined)?.searchSourceJSON;
  if (meta) {
    const source = JSON.parse(meta) as { query?: { query?: string }; filter?: Array<{ meta: { key: string } }> };
    kql(source.query?.query);
    for (const f of source.filter ?? []) out.push(f.meta.key);
  }
  if (o.type === 'index-pattern') out.push(String(a['timeFieldName']));
  if (o.type === 'lens') {
    const state = a['state'] as { query: { query: string }; datasourceStates: { formBased: { layers: Record<string, { columns: Record<string, { sourceField?: string }> }> } } };
    kql(state.query.query);
    for (const layer of Object.values(state.datasourceStates.formBased.layers)) {
      for (const c of Object.values(layer.columns)) if (c.sourceField && c.sourceField !== '___records___') out.push(c.sourceField);
    }
  }
  if (o.type === 'search') {
    out.push(...(a['columns'] as string[]));
    out.push(...(a['sort'] as string[][]).map((s) => s[0]!));
  }
  if (o.type === 'visualization') {
    const spec = JSON.parse((JSON.parse(String(a['visState'])) as { params: { spec: string } }).params.spec) as { transform?: Array<{ as?: string }> };
    // Fields the spec computes itself (transform … as) are not index fields.
    const derived = new Set(['key', ...(spec.transform ?? []).flatMap((t) => (t.as ? [t.as] : []))]);
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, val] of Object.entries(v)) {
          if ((k === 'field' || k === '%timefield%' || k === 'path') && typeof val === 'string' && !derived.has(val)) out.push(val);
          if (k === 'term' && val && typeof val === 'object') out.push(...Object.keys(val));
          walk(val);
        }
      }
    };
    walk(spec);
  }
  return out;
}

const received: Array<{ url: string; headers: IncomingHttpHeaders; body: string }> = [];
let server: Server;
let kibanaUrl = '';

beforeAll(async () => {
  // Kibana cannot run on this machine: a loopback endpoint records what the import client sends.
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body });
      const count = body.split('\n').filter((l) => l.startsWith('{"type"')).length;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ success: true, successCount: count, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  kibanaUrl = `http://analyst:pa55@127.0.0.1:${(server.address() as AddressInfo).port}`;
  await ensureIndex(es, ns.config);
});

afterAll(async () => {
  await dropNamespace(es, ns.config.indexPrefix);
  await es.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('Kibana saved objects (infra/kibana/saved-objects.ndjson)', () => {
  it('is the serialization of saved-objects.ts (regenerate with `pulse kibana write`)', () => {
    expect(ndjson).toBe(toNdjson(buildSavedObjects()));
  });

  it('parses, holds the dashboard views, and every reference resolves to an object of the right type', () => {
    const byKey = new Map(objects.map((o) => [`${o.type}:${o.id}`, o]));
    expect(objects.map((o) => o.type).sort()).toEqual(['dashboard', 'index-pattern', 'lens', 'lens', 'lens', 'lens', 'lens', 'search', 'visualization', 'visualization']);
    for (const o of objects) {
      for (const ref of o.references) expect(byKey.has(`${ref.type}:${ref.id}`), `${o.id} → ${ref.type}:${ref.id}`).toBe(true);
    }
    const dashboard = objects.find((o) => o.type === 'dashboard')!;
    const panels = JSON.parse(String(dashboard.attributes['panelsJSON'])) as Array<{ panelIndex: string; panelRefName: string; type: string }>;
    expect(panels).toHaveLength(8);
    for (const p of panels) {
      const ref = dashboard.references.find((r) => r.name === `${p.panelIndex}:${p.panelRefName}`);
      expect(ref?.type).toBe(p.type);
    }
    for (const lens of objects.filter((o) => o.type === 'lens')) {
      const layers = Object.keys((lens.attributes['state'] as { datasourceStates: { formBased: { layers: object } } }).datasourceStates.formBased.layers);
      for (const layer of layers) expect(lens.references.some((r) => r.name === `indexpattern-datasource-layer-${layer}`)).toBe(true);
    }
    const search = objects.find((o) => o.type === 'search')!;
    const indexRef = (JSON.parse((search.attributes['kibanaSavedObjectMeta'] as { searchSourceJSON: string }).searchSourceJSON) as { indexRefName: string }).indexRefName;
    expect(search.references.some((r) => r.name === indexRef)).toBe(true);
  });

  it('uses only fields that exist in the real index mapping', async () => {
    const index = `${ns.config.indexPrefix}-posts`;
    const used = [...new Set(objects.flatMap(fieldsUsed))].sort();
    expect(used).toEqual(expect.arrayContaining(['@timestamp', 'sentiment.score', 'aspects.name', 'aspects.label', 'keywords', 'sourceId', 'clusterId', 'speaker.type']));
    const mapping = await es.indices.getFieldMapping({ index, fields: used });
    const found = new Set(Object.values(mapping).flatMap((m) => Object.keys(m.mappings)));
    const missing = used.filter((f) => !found.has(f) && f !== 'aspects');
    expect(missing).toEqual([]);
    const raw = await es.indices.getMapping({ index });
    expect(Object.values(raw)[0]!.mappings.properties!['aspects']).toMatchObject({ type: 'nested' });
  });

  it('imports as multipart with kbn-xsrf and basic auth taken from the URL, into a space when asked', async () => {
    const result = await importSavedObjects({ kibanaUrl, ndjson, space: 'analysts' });
    expect(result).toMatchObject({ success: true, successCount: 10 });
    const req = received.at(-1)!;
    expect(req.url).toBe('/s/analysts/api/saved_objects/_import?overwrite=true');
    expect(req.headers['kbn-xsrf']).toBe('true');
    expect(req.headers['authorization']).toBe(`Basic ${Buffer.from('analyst:pa55').toString('base64')}`);
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(req.body).toContain('name="file"; filename="saved-objects.ndjson"');
    expect(req.body).toContain('"id":"pulse-overview"');
  });

  it('leaves seller ads out with a visible, labelled, disableable filter pill, not a hidden query', () => {
    const dashboard = objects.find((o) => o.type === 'dashboard')!;
    const source = JSON.parse((dashboard.attributes['kibanaSavedObjectMeta'] as { searchSourceJSON: string }).searchSourceJSON) as {
      query: { query: string };
      filter: Array<{ meta: Record<string, unknown>; query: unknown; $state: unknown }>;
    };
    expect(source.query.query).toBe('');
    expect(source.filter).toEqual([
      {
        meta: {
          alias: '不含商家广告 seller ads left out (disable to include them)',
          negate: true,
          disabled: false,
          type: 'phrase',
          key: 'speaker.type',
          params: { query: 'seller_ad' },
          indexRefName: 'kibanaSavedObjectMeta.searchSourceJSON.filter[0].meta.index',
        },
        query: { match_phrase: { 'speaker.type': 'seller_ad' } },
        $state: { store: 'appState' },
      },
    ]);
    expect(dashboard.references).toContainEqual({ type: 'index-pattern', id: 'pulse-posts-dv', name: 'kibanaSavedObjectMeta.searchSourceJSON.filter[0].meta.index' });
    // No saved object hides the ads by a query of its own (disabling the pill must bring them back everywhere).
    expect(ndjson).not.toMatch(/not speaker\.type/);
  });

  it("counts, with the Vega line's own request on the real index, the seller ads the pill hides", async () => {
    const docs = [
      makeAnalyzedDocument({ n: 'c1', publishedAt: '2026-11-20T10:00:00+08:00' }),
      makeAnalyzedDocument({ n: 'ad1', publishedAt: '2026-11-20T11:00:00+08:00', speaker: 'seller_ad' }),
      makeAnalyzedDocument({ n: 'ad2', publishedAt: '2026-11-21T11:00:00+08:00', speaker: 'seller_ad' }),
      makeAnalyzedDocument({ n: 'ad-old', publishedAt: '2026-10-01T11:00:00+08:00', speaker: 'seller_ad' }),
    ];
    expect((await indexDocuments(es, ns.config, docs, { refresh: true })).failed).toEqual([]);
    const vis = objects.find((o) => o.id === 'pulse-seller-ads-left-out')!;
    const spec = JSON.parse((JSON.parse(String(vis.attributes['visState'])) as { params: { spec: string } }).params.spec) as {
      data: { url: { body: Record<string, unknown> }; format: { property: string } };
    };
    // Kibana replaces {"%timefilter%": true} with the time picker's range; here: 2026-11-19 to 2026-11-23.
    const range = { gte: '2026-11-19T00:00:00+08:00', lt: '2026-11-23T00:00:00+08:00' };
    const body = JSON.parse(JSON.stringify(spec.data.url.body).replace('{"%timefilter%":true}', JSON.stringify(range))) as Record<string, unknown>;
    const response = await es.search({ index: `${ns.config.indexPrefix}-posts`, ...body });
    const buckets = spec.data.format.property.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], response) as Array<{ doc_count: number }>;
    const counted = await countSellerAdsLeftOut(es, ns.config, { from: range.gte, to: range.lt, excludeSellerAds: true }, 'Asia/Shanghai');
    expect(buckets).toEqual([{ doc_count: 2 }]);
    expect(counted).toBe(2);
  });

  it('points the data view at the configured prefix', () => {
    const built = buildSavedObjects('acme-posts');
    expect(built.find((o) => o.type === 'index-pattern')!.attributes['title']).toBe('acme-posts');
  });
});
