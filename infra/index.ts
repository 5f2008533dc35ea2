/** Public surface of infra/: what workers/ and the CLI import. A plain list of named exports. */
export { createEsClient, type EsClientOptions } from './elasticsearch/es-client.js';
export { ensureIndex, type EnsureIndexResult } from './elasticsearch/ensure-index.js';
export { indexDocuments, type IndexDocumentsOptions, type IndexFailure, type IndexResult } from './elasticsearch/index-documents.js';
export { queryTrends, type TrendQueryOptions } from './elasticsearch/query-trends.js';
export { postsIndexNames, postsTemplate, type PostsIndexNames } from './elasticsearch/posts-index.js';
export { type PostFilter } from './elasticsearch/post-filter.js';
export { QueryError } from './elasticsearch/query-error.js';
export { publicEsUrl } from './elasticsearch/public-es-url.js';
export { formatTrendTable } from '../analysis/trends/format-trend-table.js';
export { type TrendRow, type TrendInterval, type TrendGroupBy } from '../analysis/trends/trend-row.js';
