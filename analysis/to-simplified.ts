/**
 * Traditional → simplified Chinese with opencc-js (Taiwan/Hong Kong variants + phrases → mainland simplified).
 * Takes any string, gives its simplified form. Most Pulse text is already simplified, so a precomputed table of the
 * characters OpenCC would change lets plain-simplified text skip the (slower) trie conversion entirely.
 */
import { ConverterFactory, Locale } from 'opencc-js/t2cn';
import type { DictGroup } from 'opencc-js/t2cn';
import { addUnit, hasUnit, unitSet, type UnitSet } from './unit-set.js';

export type ToSimplified = (text: string) => string;

/**
 * Marks the code units of every single character the dictionaries convert to something else (astral characters:
 * their high surrogate). Phrase entries are not consulted: a phrase only converts differently when it contains such
 * a character, and phrase keys would mark common simplified characters (么 of 么麼, 二 of 二噁英).
 */
function changedCharTable(groups: readonly DictGroup[]): UnitSet {
  const table = unitSet([]);
  for (const group of groups) {
    for (const dict of group) {
      const pairs: readonly (readonly [string, string])[] =
        typeof dict === 'string' ? dict.split('|').map((p) => p.split(' ') as unknown as readonly [string, string]) : dict;
      for (const [from, to] of pairs) {
        if (!from || to === undefined || [...from].length !== 1 || from === to) continue;
        addUnit(table, from.charCodeAt(0));
      }
    }
  }
  return table;
}

export function createToSimplified(): ToSimplified {
  // Hong Kong variants first, then Taiwan phrases/variants, then OpenCC's traditional → simplified chain.
  const groups: DictGroup[] = [...(Locale.from.hk ?? []), ...(Locale.from.tw ?? []), ...(Locale.to.cn ?? [])];
  const convert = ConverterFactory(...groups);
  // Only OpenCC's own traditional → simplified keys mark a text for conversion: the hk/tw variant tables also list
  // simplified characters (吃 → 喫 → 吃), which would send most plain simplified text through the slow path.
  const table = changedCharTable(Locale.to.cn ?? []);
  return (text: string): string => {
    for (let i = 0; i < text.length; i++) {
      if (hasUnit(table, text.charCodeAt(i))) return convert(text);
    }
    return text;
  };
}
