/**
 * The Kibana saved objects of Pulse, as data: data view over the posts alias, Lens charts (volume, sentiment,
 * label shares, top keywords, top sources), Vega views (negative share by aspect; seller ads left out), a saved
 * search (latest negative posts) and the dashboard, whose seller-ads filter is a labelled pill.
 * saved-objects.ndjson is this list serialized (`pulse kibana write`).
 */
import { lensXy } from './lens-xy.js';
import { aspectShareVegaSpec } from './aspect-share-vega.js';
import { sellerAdsVegaSpec } from './seller-ads-vega.js';

export interface SavedObject {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  references: Array<{ type: string; id: string; name: string }>;
  [key: string]: unknown;
}

export const dashboardTitle = 'Pulse — micro-business overview';
export const dataViewId = 'pulse-posts-dv';
/** The label of the dashboard's seller-ads filter pill: what it hides and how to see them. */
export const sellerAdsFilterLabel = '不含商家广告 seller ads left out (disable to include them)';
/** Where the dashboard's filter pill finds its data view (Kibana's naming for filter references). */
const sellerAdsFilterRef = 'kibanaSavedObjectMeta.searchSourceJSON.filter[0].meta.index';

/**
 * Analyst views leave seller advertising out by default. On the dashboard that is a visible, labelled filter pill
 * (a negated phrase filter on speaker.type), not a query hidden in the query bar: one click disables it.
 */
export function sellerAdsFilter(): Record<string, unknown> {
  return {
    meta: {
      alias: sellerAdsFilterLabel,
      negate: true,
      disabled: false,
      type: 'phrase',
      key: 'speaker.type',
      params: { query: 'seller_ad' },
      indexRefName: sellerAdsFilterRef,
    },
    query: { match_phrase: { 'speaker.type': 'seller_ad' } },
    $state: { store: 'appState' },
  };
}

export function buildSavedObjects(indexTitle = 'pulse-posts'): SavedObject[] {
  const dataView: SavedObject = {
    type: 'index-pattern',
    id: dataViewId,
    coreMigrationVersion: '8.8.0',
    typeMigrationVersion: '8.0.0',
    managed: false,
    attributes: { title: indexTitle, name: 'Pulse posts', timeFieldName: '@timestamp', fields: '[]', fieldFormatMap: '{}', runtimeFieldMap: '{}' },
    references: [],
  };
  const time = { id: 'time', label: '时间', operationType: 'date_histogram', field: '@timestamp' } as const;
  const lens = [
    lensXy({
      id: 'pulse-volume-over-time',
      title: '声量 Volume over time',
      description: 'Posts per period, and distinct voices (near-duplicate clusters counted once).',
      dataViewId,
      seriesType: 'line',
      x: time,
      metrics: [
        { id: 'volume', label: '帖子数 posts', operationType: 'count' },
        { id: 'voices', label: '独立声音 distinct voices', operationType: 'unique_count', field: 'clusterId' },
      ],
    }),
    lensXy({
      id: 'pulse-sentiment-over-time',
      title: '情感 Sentiment over time',
      description: 'Mean document sentiment score in [-1, 1].',
      dataViewId,
      seriesType: 'line',
      x: time,
      metrics: [{ id: 'sentiment', label: '平均情感 mean sentiment', operationType: 'average', field: 'sentiment.score' }],
    }),
    lensXy({
      id: 'pulse-label-share-over-time',
      title: '负面占比 Negative share over time',
      description: 'Share of negative / neutral / positive posts per period.',
      dataViewId,
      seriesType: 'bar_percentage_stacked',
      x: time,
      split: { id: 'label', label: '情感标签 label', operationType: 'terms', field: 'sentiment.label', size: 3 },
      metrics: [{ id: 'count', label: '帖子数 posts', operationType: 'count' }],
    }),
    lensXy({
      id: 'pulse-top-keywords',
      title: '热词 Top keywords',
      description: 'Most frequent keywords in the selected time range.',
      dataViewId,
      seriesType: 'bar_horizontal',
      x: { id: 'keyword', label: '关键词 keyword', operationType: 'terms', field: 'keywords', size: 15 },
      metrics: [{ id: 'count', label: '帖子数 posts', operationType: 'count' }],
    }),
    lensXy({
      id: 'pulse-top-sources',
      title: '来源 Top sources',
      description: 'Sources by posts, with mean sentiment.',
      dataViewId,
      seriesType: 'bar_horizontal',
      x: { id: 'source', label: '来源 source', operationType: 'terms', field: 'sourceId', size: 10 },
      metrics: [{ id: 'count', label: '帖子数 posts', operationType: 'count' }],
    }),
  ] as SavedObject[];
  const vega: SavedObject = {
    type: 'visualization',
    id: 'pulse-negative-share-by-aspect',
    coreMigrationVersion: '8.8.0',
    typeMigrationVersion: '8.0.0',
    managed: false,
    attributes: {
      title: '各方面负面占比 Negative share by aspect',
      description: "Each aspect's own sentiment (nested), not the document's.",
      visState: JSON.stringify({
        title: '各方面负面占比 Negative share by aspect',
        type: 'vega',
        aggs: [],
        params: { spec: JSON.stringify(aspectShareVegaSpec(indexTitle), null, 2) },
      }),
      uiStateJSON: '{}',
      version: 1,
      kibanaSavedObjectMeta: { searchSourceJSON: JSON.stringify({ query: { query: '', language: 'kuery' }, filter: [] }) },
    },
    references: [],
  };
  const sellerAds: SavedObject = {
    type: 'visualization',
    id: 'pulse-seller-ads-left-out',
    coreMigrationVersion: '8.8.0',
    typeMigrationVersion: '8.0.0',
    managed: false,
    attributes: {
      title: '商家广告 Seller ads left out',
      description: 'Seller ads in the selected time range: the posts the dashboard filter pill hides while it is on.',
      visState: JSON.stringify({
        title: '商家广告 Seller ads left out',
        type: 'vega',
        aggs: [],
        params: { spec: JSON.stringify(sellerAdsVegaSpec(indexTitle), null, 2) },
      }),
      uiStateJSON: '{}',
      version: 1,
      kibanaSavedObjectMeta: { searchSourceJSON: JSON.stringify({ query: { query: '', language: 'kuery' }, filter: [] }) },
    },
    references: [],
  };
  const latestNegative: SavedObject = {
    type: 'search',
    id: 'pulse-latest-negative-posts',
    coreMigrationVersion: '8.8.0',
    typeMigrationVersion: '8.0.0',
    managed: false,
    attributes: {
      title: '最新负面帖子 Latest negative posts',
      description: "Newest negative posts (on the dashboard, its seller-ads filter pill applies to them too).",
      columns: ['title', 'sourceId', 'sentiment.score', 'aspects.name', 'speaker.type', 'url'],
      sort: [['@timestamp', 'desc']],
      kibanaSavedObjectMeta: {
        searchSourceJSON: JSON.stringify({
          query: { query: 'sentiment.label : "neg"', language: 'kuery' },
          filter: [],
          indexRefName: 'kibanaSavedObjectMeta.searchSourceJSON.index',
        }),
      },
    },
    references: [{ type: 'index-pattern', id: dataViewId, name: 'kibanaSavedObjectMeta.searchSourceJSON.index' }],
  };
  const panels: Array<{ object: SavedObject; x: number; y: number; w: number; h: number }> = [
    { object: sellerAds, x: 0, y: 0, w: 48, h: 3 },
    { object: lens[0]!, x: 0, y: 3, w: 24, h: 12 },
    { object: lens[1]!, x: 24, y: 3, w: 24, h: 12 },
    { object: lens[2]!, x: 0, y: 15, w: 24, h: 12 },
    { object: vega, x: 24, y: 15, w: 24, h: 12 },
    { object: lens[3]!, x: 0, y: 27, w: 24, h: 14 },
    { object: lens[4]!, x: 24, y: 27, w: 24, h: 14 },
    { object: latestNegative, x: 0, y: 41, w: 48, h: 16 },
  ];
  const dashboard: SavedObject = {
    type: 'dashboard',
    id: 'pulse-overview',
    coreMigrationVersion: '8.8.0',
    typeMigrationVersion: '8.7.0',
    managed: false,
    attributes: {
      title: dashboardTitle,
      description:
        'Volume, sentiment, negative share (overall and by aspect), keywords, sources and the latest negative posts. ' +
        'Seller ads are left out by the filter pill "不含商家广告 seller ads left out"; the top line says how many; disable the pill to include them.',
      timeRestore: true,
      timeFrom: 'now-30d',
      timeTo: 'now',
      refreshInterval: { pause: true, value: 60000 },
      optionsJSON: JSON.stringify({ useMargins: true, syncColors: false, syncCursor: true, syncTooltips: false, hidePanelTitles: false }),
      panelsJSON: JSON.stringify(
        panels.map((p, i) => ({
          version: '8.11.0',
          type: p.object.type,
          gridData: { x: p.x, y: p.y, w: p.w, h: p.h, i: String(i + 1) },
          panelIndex: String(i + 1),
          embeddableConfig: { enhancements: {} },
          panelRefName: `panel_${i + 1}`,
        })),
      ),
      version: 1,
      kibanaSavedObjectMeta: { searchSourceJSON: JSON.stringify({ query: { query: '', language: 'kuery' }, filter: [sellerAdsFilter()] }) },
    },
    references: [
      ...panels.map((p, i) => ({ type: p.object.type, id: p.object.id, name: `${i + 1}:panel_${i + 1}` })),
      { type: 'index-pattern', id: dataViewId, name: sellerAdsFilterRef },
    ],
  };
  return [dataView, ...lens, vega, sellerAds, latestNegative, dashboard];
}

export function toNdjson(objects: readonly SavedObject[]): string {
  return objects.map((o) => JSON.stringify(o)).join('\n') + '\n';
}
