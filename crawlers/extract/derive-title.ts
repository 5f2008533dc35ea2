/**
 * A title for an item whose source gives none (a JSON source without `fields.title`, e.g. a short-post API): the
 * text's first sentence, clipped to `max` characters with "…". Pure; an empty text gives an empty title.
 */
export function deriveTitle(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  // A Chinese sentence ends at 。！？; a Latin one at .!? followed by a space (so 3.5 and URLs stay whole).
  const end = /[。！？!?]|[.](?=\s)/.exec(flat);
  const sentence = (end ? flat.slice(0, end.index + 1) : flat).trim();
  const chars = [...sentence];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : sentence;
}
