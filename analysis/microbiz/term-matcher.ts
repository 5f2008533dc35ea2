/**
 * Multi-term substring matcher: a trie over UTF-16 units whose first level is a 64K-entry table, so a scan costs one
 * array read per character and, where a term may start, a walk of a node or two (no regex, no string allocation,
 * no startsWith per candidate term). Gives hits in text order; at one position longer terms come first, and equal
 * terms in the order they were given. Never mutates its input.
 */
import { addUnit, hasUnit, unitSet } from '../unit-set.js';

export interface TermEntry<P> {
  term: string;
  payload: P;
}

export interface TermMatcher<P> {
  /** Calls `onHit` for every occurrence of every term (overlaps included), in order of position. */
  scan(text: string, onHit: (entry: TermEntry<P>, index: number) => void): void;
  readonly size: number;
}

interface TrieNode<P> {
  /** Next UTF-16 unit → child, as parallel arrays (nodes have few children: a linear search beats a Map). */
  codes: number[];
  children: TrieNode<P>[];
  /** Terms that end at this node, in input order. */
  ends: TermEntry<P>[];
}

const newNode = <P>(): TrieNode<P> => ({ codes: [], children: [], ends: [] });

function child<P>(node: TrieNode<P>, code: number): TrieNode<P> | undefined {
  const codes = node.codes;
  for (let k = 0; k < codes.length; k++) if (codes[k] === code) return node.children[k];
  return undefined;
}

// Bits of the table of two-unit term prefixes (16 KB): small enough to stay in cache next to everything else.
const PAIR_BITS = 17;

/** Slot of the unit pair (a, b) in the prefix table: both units mixed into one word, then its top PAIR_BITS bits. */
function pairSlot(a: number, b: number): number {
  return Math.imul(a | (b << 16), 0x9e3779b1) >>> (32 - PAIR_BITS);
}

export function createTermMatcher<P>(entries: Iterable<TermEntry<P>>): TermMatcher<P> {
  // First code unit → 1 + index into `firsts` (0 = no term starts with it); `starts` says the same in 8 KB, read for
  // every character scanned, so the 128 KB slot table is only read where a term may start.
  const slot = new Uint16Array(0x10000);
  const starts = unitSet([]);
  const firsts: TrieNode<P>[] = [];
  // About a third of the characters of ordinary text start some term, but almost never the first two units of one:
  // the scan walks the trie only where the unit pair is a term's prefix (or a one-unit term starts). `pairs` may
  // answer yes wrongly (hash collisions), never no wrongly; `singles` marks the first units of one-unit terms.
  const pairs = new Int32Array(1 << (PAIR_BITS - 5));
  const singles = unitSet([]);
  let size = 0;
  let longest = 0;
  for (const entry of entries) {
    const term = entry.term;
    if (term.length === 0) continue;
    const first = term.charCodeAt(0);
    if (slot[first] === 0) {
      if (firsts.length === 0xffff) throw new RangeError('term matcher: too many distinct first characters');
      firsts.push(newNode<P>());
      slot[first] = firsts.length;
      addUnit(starts, first);
    }
    if (term.length === 1) addUnit(singles, first);
    else {
      const p = pairSlot(first, term.charCodeAt(1));
      pairs[p >>> 5] = pairs[p >>> 5]! | (1 << (p & 31));
    }
    let node = firsts[(slot[first] as number) - 1] as TrieNode<P>;
    for (let i = 1; i < term.length; i++) {
      const code = term.charCodeAt(i);
      let next = child(node, code);
      if (!next) {
        next = newNode<P>();
        node.codes.push(code);
        node.children.push(next);
      }
      node = next;
    }
    node.ends.push(entry);
    size++;
    longest = Math.max(longest, term.length);
  }
  // Nodes with terms ending at them, deepest last, for the position being scanned (reused: scan is synchronous).
  const matched: TrieNode<P>[] = new Array<TrieNode<P>>(longest);

  return {
    size,
    scan(text, onHit) {
      const n = text.length;
      for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        if (!hasUnit(starts, c)) continue;
        if (!hasUnit(singles, c)) {
          if (i + 1 >= n) continue;
          const p = pairSlot(c, text.charCodeAt(i + 1));
          if ((pairs[p >>> 5]! & (1 << (p & 31))) === 0) continue;
        }
        let node: TrieNode<P> | undefined = firsts[(slot[c] as number) - 1] as TrieNode<P>;
        let found = 0;
        for (let j = i + 1; ; j++) {
          if (node.ends.length > 0) matched[found++] = node;
          if (j >= n || node.codes.length === 0) break;
          node = child(node, text.charCodeAt(j));
          if (node === undefined) break;
        }
        // Longest first; terms of one length are one string, given in input order.
        while (found > 0) for (const entry of (matched[--found] as TrieNode<P>).ends) onHit(entry, i);
      }
    },
  };
}
