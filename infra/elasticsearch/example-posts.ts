/**
 * A few representative posts of a slice and time range (for alerts and the report): one per near-duplicate cluster
 * (collapse on clusterId), most negative first or newest first. Returns titles and URLs, never the full text.
 */
import type { Client } from '@elastic/elasticsearch';
import type { PulseConfig } from '../config/config-fields.js';
import { postsIndexNames } from './posts-index.js';
import { buildPostQuery, type PostFilter } from './post-filter.js';
import { translateEsError } from './translate-es-error.js';

export interface ExamplePost {
  docId: string;
  title: string;
  url: string;
  sourceId: string;
  publishedAt: string | null;
  timestamp: string;
  sentimentScore: number;
  sentimentLabel: string;
  speakerType: string;
  aspects: string[];
}

export interface ExamplePostsOptions {
  size?: number;
  order?: 'most_negative' | 'newest';
  timezone: string;
}

type ExampleConfig = Pick<PulseConfig, 'indexPrefix' | 'elasticsearchUrl'>;

export async function examplePosts(client: Client, config: ExampleConfig, filter: PostFilter, options: ExamplePostsOptions): Promise<ExamplePost[]> {
  type Source = {
    docId: string;
    title: string;
    url: string;
    sourceId: string;
    publishedAt: string | null;
    '@timestamp': string;
    sentiment: { score: number; label: string };
    speaker?: { type: string };
    aspects?: Array<{ name: string }>;
  };
  try {
    const res = await client.search<Source>({
      index: postsIndexNames(config.indexPrefix).alias,
      size: options.size ?? 3,
      query: buildPostQuery(filter, options.timezone),
      collapse: { field: 'clusterId' },
      sort: options.order === 'newest' ? [{ '@timestamp': 'desc' }, { docId: 'asc' }] : [{ 'sentiment.score': 'asc' }, { '@timestamp': 'desc' }],
      _source: ['docId', 'title', 'url', 'sourceId', 'publishedAt', '@timestamp', 'sentiment.score', 'sentiment.label', 'speaker.type', 'aspects.name'],
    });
    return res.hits.hits.flatMap((h) => {
      const s = h._source;
      if (!s) return [];
      return [
        {
          docId: s.docId,
          title: s.title,
          url: s.url,
          sourceId: s.sourceId,
          publishedAt: s.publishedAt,
          timestamp: s['@timestamp'],
          sentimentScore: s.sentiment.score,
          sentimentLabel: s.sentiment.label,
          speakerType: s.speaker?.type ?? 'other',
          aspects: (s.aspects ?? []).map((a) => a.name),
        },
      ];
    });
  } catch (error) {
    throw translateEsError(error, config.elasticsearchUrl, 'fetching example posts');
  }
}
