/**
 * Forum threads: the article of a thread page is its first post (the opening post), not the longest reply. When the
 * best text block sits in a post that repeats an earlier sibling's shape (same tag and class, or ids that differ only
 * in digits: Discuz `post_123`/`pid123`, phpwind, Tieba floors), the matching block of the first post is taken
 * instead. Reads the DOM only.
 */
import type { Element } from 'domhandler';

const isTag = (n: { type: string }): n is Element => n.type === 'tag';

/** What makes two sibling posts "the same kind": tag plus class, or tag plus id with its digits removed. */
function shapeKey(el: Element): string | null {
  const cls = (el.attribs['class'] ?? '').trim();
  if (cls) return `${el.name}.${cls}`;
  const id = el.attribs['id'] ?? '';
  return /\d/.test(id) ? `${el.name}#${id.replace(/\d+/g, '#')}` : null;
}

/** The element of `root` at the same tag/class path as `target` below `from`. */
function counterpart(from: Element, target: Element, root: Element): Element | null {
  const path: Element[] = [];
  for (let n: Element | null = target; n && n !== from; n = n.parent && isTag(n.parent) ? n.parent : null) path.unshift(n);
  let cur: Element | null = root;
  for (const step of path) {
    const key = shapeKey(step) ?? step.name;
    const next: Element | undefined = cur?.children.filter(isTag).find((c) => (shapeKey(c) ?? c.name) === key);
    if (!next) return null;
    cur = next;
  }
  return cur;
}

/** The first post's counterpart of `top`, or null when `top` is not in a later post of a repeated series. */
export function firstPostOf(top: Element, hasText: (el: Element) => boolean): Element | null {
  let post: Element | null = top;
  for (let level = 0; post && level < 12; level++) {
    const key = shapeKey(post);
    const parent: Element | null = post.parent && isTag(post.parent) ? post.parent : null;
    if (key && parent) {
      const series = parent.children.filter((c): c is Element => isTag(c) && shapeKey(c) === key);
      const first = series[0];
      if (series.length >= 2 && first && first !== post) {
        const match = counterpart(post, top, first);
        return match && hasText(match) ? match : null;
      }
      if (series.length >= 2) return null;
    }
    post = parent;
  }
  return null;
}
