/**
 * Vega spec for "negative share by aspect": a nested aggregation (aspects → name → own label) that Lens cannot
 * express, so each aspect's share is computed from its own sentiment, not the document's. Honours the dashboard's
 * time range and filters through %context% / %timefield%.
 */
export function aspectShareVegaSpec(indexTitle: string): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: '各方面负面占比 (negative share by aspect)',
    data: {
      url: {
        index: indexTitle,
        '%context%': true,
        '%timefield%': '@timestamp',
        body: {
          size: 0,
          aggs: {
            aspects: {
              nested: { path: 'aspects' },
              aggs: {
                names: {
                  terms: { field: 'aspects.name', size: 20 },
                  aggs: { negative: { filter: { term: { 'aspects.label': 'neg' } } } },
                },
              },
            },
          },
        },
      },
      format: { property: 'aggregations.aspects.names.buckets' },
    },
    transform: [{ calculate: 'datum.negative.doc_count / datum.doc_count', as: 'share' }],
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'key', type: 'nominal', title: 'aspect', sort: '-x' },
      x: { field: 'share', type: 'quantitative', title: 'negative share', axis: { format: '%' }, scale: { domain: [0, 1] } },
      color: { value: '#d6453d' },
    },
  };
}
