/**
 * UnitSet: a set of UTF-16 code units as a 65 536-bit table (8 KB). The analyzer asks such questions for every
 * character and word of every document, next to jieba's and the model's large tables; a byte per unit (64 KB) per
 * question pushed each other out of the CPU caches, a bit per unit stays near the core. Pure; no state.
 */

export type UnitSet = Int32Array;

export function unitSet(units: Iterable<number>): UnitSet {
  const set = new Int32Array(0x10000 >>> 5);
  for (const c of units) addUnit(set, c);
  return set;
}

/** The set of the UTF-16 units of `chars` (a string is an iterable of code points, so this walks units). */
export function unitSetOf(chars: string): UnitSet {
  const set = new Int32Array(0x10000 >>> 5);
  for (let i = 0; i < chars.length; i++) addUnit(set, chars.charCodeAt(i));
  return set;
}

export function addUnit(set: UnitSet, c: number): void {
  set[c >>> 5] = set[c >>> 5]! | (1 << (c & 31));
}

/** True when `c` (a code unit, 0…0xFFFF) is in the set. */
export function hasUnit(set: UnitSet, c: number): boolean {
  return (set[c >>> 5]! & (1 << (c & 31))) !== 0;
}
