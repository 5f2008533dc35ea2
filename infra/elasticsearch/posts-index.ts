/**
 * Names and template of the posts index: `<prefix>-posts` (alias) → `<prefix>-posts-v<N>` (concrete index), the
 * template `<prefix>-posts` read from posts-template.json (the same file a compose setup container PUTs as is).
 */
import { readFileSync } from 'node:fs';

export interface PostsIndexNames {
  /** What every reader and writer uses. */
  alias: string;
  /** The concrete index of the current mapping version. */
  index: string;
  template: string;
  /** Pattern of every version's index. */
  pattern: string;
  version: number;
}

export interface PostsTemplate {
  index_patterns: string[];
  priority: number;
  version: number;
  _meta: { postsIndexVersion: number; [key: string]: unknown };
  template: { settings: Record<string, unknown>; mappings: { properties: Record<string, MappingProperty>; [key: string]: unknown } };
}

export interface MappingProperty {
  type?: string;
  properties?: Record<string, MappingProperty>;
  [key: string]: unknown;
}

const templateFile = new URL('./posts-template.json', import.meta.url);

/** The template body for this prefix (the JSON file is written for the default prefix `pulse`). */
export function postsTemplate(prefix: string): PostsTemplate {
  const body = JSON.parse(readFileSync(templateFile, 'utf8')) as PostsTemplate;
  return { ...body, index_patterns: [`${prefix}-posts-v*`] };
}

export function postsIndexNames(prefix: string, version = postsTemplate(prefix)._meta.postsIndexVersion): PostsIndexNames {
  return {
    alias: `${prefix}-posts`,
    index: `${prefix}-posts-v${version}`,
    template: `${prefix}-posts`,
    pattern: `${prefix}-posts-v*`,
    version,
  };
}

/** Every field path the mapping defines (`sentiment.label`, `aspects.name`…), for checks such as the Kibana lint. */
export function mappedFieldPaths(template: PostsTemplate): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (props: Record<string, MappingProperty>, prefix: string): void => {
    for (const [name, prop] of Object.entries(props)) {
      const path = prefix ? `${prefix}.${name}` : name;
      if (prop.properties) {
        out.set(path, prop.type ?? 'object');
        walk(prop.properties, path);
      } else out.set(path, prop.type ?? 'object');
    }
  };
  walk(template.template.mappings.properties, '');
  return out;
}
