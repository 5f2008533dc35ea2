/**
 * Vega spec for the dashboard's "seller ads left out" line: how many posts in the selected time range are seller ads,
 * i.e. what the dashboard's seller-ads filter pill hides while it is on. It reads the time picker only, not the
 * dashboard's filters (they include that pill, which would make the count 0).
 */
export const sellerAdsQuery = { term: { 'speaker.type': 'seller_ad' } } as const;

export function sellerAdsVegaSpec(indexTitle: string): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    data: {
      url: {
        index: indexTitle,
        body: {
          size: 0,
          query: { range: { '@timestamp': { '%timefilter%': true } } },
          // Anonymous `filters` buckets come back as an array with one bucket, doc_count 0 included.
          aggs: { ads: { filters: { filters: [sellerAdsQuery] } } },
        },
      },
      format: { property: 'aggregations.ads.buckets' },
    },
    transform: [
      {
        calculate:
          "datum.doc_count + (datum.doc_count == 1 ? ' seller ad' : ' seller ads') + ' in this time range left out by the filter pill 不含商家广告; disable the pill to include them'",
        as: 'notice',
      },
    ],
    mark: { type: 'text', fontSize: 14, align: 'left', x: 4, color: '#513c06' },
    encoding: { text: { field: 'notice', type: 'nominal' } },
  };
}
