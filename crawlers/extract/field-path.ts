/** Reads a dotted path (`data.items`, `user.name`, `images.0.url`) from parsed JSON; undefined when absent. */
export function getPath(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const key of path.split('.')) {
    if (cur === null || cur === undefined) return undefined;
    if (Array.isArray(cur) && /^\d+$/.test(key)) cur = cur[Number(key)];
    else if (typeof cur === 'object') cur = (cur as Record<string, unknown>)[key];
    else return undefined;
  }
  return cur;
}

/** A scalar as text ('' for objects/absent); epoch numbers stay numbers-as-text for the date parser to refuse. */
export function pathText(root: unknown, path: string | undefined): string {
  if (!path) return '';
  const v = getPath(root, path);
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}
