/**
 * Builds Lens saved objects (Kibana 8.x/9.x "formBased" layer format, as exported by Kibana 9's own sample data):
 * an XY chart from a bucket column, optional split column and metric columns. Gives plain objects; no I/O.
 */
export interface LensColumn {
  id: string;
  label: string;
  operationType: 'date_histogram' | 'terms' | 'count' | 'average' | 'unique_count';
  /** Field name; omitted for count (Kibana's "___records___"). */
  field?: string;
  /** terms: how many values. */
  size?: number;
}

export interface LensXyOptions {
  id: string;
  title: string;
  description: string;
  dataViewId: string;
  seriesType: 'line' | 'bar_stacked' | 'bar_horizontal' | 'bar_percentage_stacked' | 'area';
  x: LensColumn;
  split?: LensColumn;
  metrics: LensColumn[];
  /** KQL query of the visualization itself (the dashboard adds its own). */
  query?: string;
}

const layerId = (id: string): string => `${id}-layer`;

function column(c: LensColumn, orderBy: string | undefined): Record<string, unknown> {
  const base = { label: c.label, customLabel: true, isBucketed: false, scale: 'ratio', dataType: 'number', operationType: c.operationType };
  switch (c.operationType) {
    case 'date_histogram':
      return { ...base, dataType: 'date', isBucketed: true, scale: 'interval', sourceField: c.field, params: { interval: 'auto', includeEmptyRows: true, dropPartials: false } };
    case 'terms':
      return {
        ...base,
        dataType: 'string',
        isBucketed: true,
        scale: 'ordinal',
        sourceField: c.field,
        params: {
          size: c.size ?? 10,
          orderBy: orderBy ? { type: 'column', columnId: orderBy } : { type: 'alphabetical' },
          orderDirection: 'desc',
          otherBucket: false,
          missingBucket: false,
          parentFormat: { id: 'terms' },
        },
      };
    case 'count':
      return { ...base, sourceField: '___records___', params: { emptyAsNull: false } };
    case 'average':
    case 'unique_count':
      return { ...base, sourceField: c.field, params: { emptyAsNull: true } };
  }
}

export function lensXy(o: LensXyOptions): Record<string, unknown> {
  const layer = layerId(o.id);
  const firstMetric = o.metrics[0]?.id;
  const columns: Record<string, unknown> = {};
  const order = [o.x, ...(o.split ? [o.split] : []), ...o.metrics];
  for (const c of order) columns[c.id] = column(c, c.operationType === 'terms' ? firstMetric : undefined);
  return {
    type: 'lens',
    id: o.id,
    coreMigrationVersion: '8.8.0',
    typeMigrationVersion: '8.9.0',
    managed: false,
    attributes: {
      title: o.title,
      description: o.description,
      visualizationType: 'lnsXY',
      state: {
        visualization: {
          legend: { isVisible: true, position: 'bottom' },
          valueLabels: 'hide',
          fittingFunction: 'None',
          preferredSeriesType: o.seriesType,
          layers: [
            {
              layerId: layer,
              layerType: 'data',
              seriesType: o.seriesType,
              xAccessor: o.x.id,
              accessors: o.metrics.map((m) => m.id),
              ...(o.split ? { splitAccessor: o.split.id } : {}),
            },
          ],
        },
        query: { language: 'kuery', query: o.query ?? '' },
        filters: [],
        datasourceStates: { formBased: { layers: { [layer]: { columns, columnOrder: order.map((c) => c.id), incompleteColumns: {} } } } },
        internalReferences: [],
        adHocDataViews: {},
      },
    },
    references: [
      { type: 'index-pattern', id: o.dataViewId, name: 'indexpattern-datasource-current-indexpattern' },
      { type: 'index-pattern', id: o.dataViewId, name: `indexpattern-datasource-layer-${layer}` },
    ],
  };
}
