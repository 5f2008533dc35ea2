/**
 * Text normalization before segmentation: takes any JS string (junk, lone surrogates, megabytes), gives clean
 * simplified half-width text plus what was pulled out of it (links, @mentions, emoticons, emoji) and flags.
 * Never throws on input; never keeps contact ids when a redactor is given.
 */
import type { ContactRedactor } from './contact-redaction.js';
import { extractEmoticons } from './extract-emoticons.js';
import type { ToSimplified } from './to-simplified.js';

export interface NormalizedText {
  /** Readable normalized text (emoticons and emoji kept, links and mentions removed, contacts redacted). */
  text: string;
  /** The same text with emoticons and emoji blanked out: what the segmenter reads. */
  plain: string;
  links: string[];
  mentions: string[];
  /** Weibo emoticons like `[哈哈]` and emoji, in order of appearance. */
  emoticons: string[];
  contacts: number;
  flags: string[];
}

export interface NormalizeOptions {
  toSimplified: ToSimplified;
  /** Longer inputs are cut to this many UTF-16 units and flagged `truncated`. */
  maxChars: number;
  redactContacts?: ContactRedactor | null;
}

// Compiled once: normalization runs per document on the hot path.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufeff\u200b-\u200f\u2028-\u202e\u2060-\u2064]/g;
const NUL_OR_REPLACEMENT = /[\u0000\ufffd]/g;
const WHITESPACE_CHARS = /[\t\n\r\u00a0\u1680\u2000-\u200a\u205f\u3000]/g;
const URL = /(?:https?:\/\/|www\.)[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/g;
// Repost chains `//@name:` and plain `@name`; Weibo names: CJK, letters, digits, '_' and '-', up to 30 chars.
const MENTION = /(?:\/\/)?@([\u3400-\u9fffA-Za-z0-9_\-]{1,30})(?::|\s)?/g;
const SPACES = / {2,}/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const CONTROL_ONE = /^[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufeff\u200b-\u200f\u2028-\u202e\u2060-\u2064]$/;
const ODD_SPACE_ONE = /^[\t\n\r\u00a0\u1680\u2000-\u200a\u205f\u3000]$/;

/** Full-width ASCII (U+FF01–FF5E) → ASCII; ideographic space → space. Chinese punctuation outside that block stays. */
export function toHalfWidth(text: string): string {
  // Unchanged runs are copied as slices: a few concatenations per text instead of one per character.
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) {
      out += text.slice(from, i) + String.fromCharCode(c - 0xfee0);
      from = i + 1;
    } else if (c === 0x3000) {
      out += `${text.slice(from, i)} `;
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

// Character classes for the one scan that decides which (regex) passes a text needs at all.
const C_JUNK = 1; // control/format characters, NUL, U+FFFD: counted for binary_junk, removed
const C_ODD_SPACE = 2; // whitespace other than ' '
const C_FULL_WIDTH = 4;
const C_SURROGATE = 8;
const C_EMOTICON = 16; // '[' (Weibo emoticons) and BMP emoji; astral emoji arrive as surrogates
const C_MARKUP = 32; // '@' and ':' (mentions, URLs)
const C_HAN = 64;
// ASCII or full-width letters, and ' ': only texts with letters can hold a URL, only texts with some space (or what
// becomes one) can hold a double space. One bit for both keeps the table at a byte per unit; each check then merely
// runs on a few more texts than it must.
const C_LATIN_OR_SPACE = 128;
let classes: Uint8Array | undefined;

function charClasses(): Uint8Array {
  if (classes) return classes;
  const t = new Uint8Array(65536);
  const pictographic = /\p{Extended_Pictographic}/u;
  for (let c = 0; c < 65536; c++) {
    const ch = String.fromCharCode(c);
    if (c < 0xd800 || c > 0xdfff) {
      if (CONTROL_ONE.test(ch) || c === 0 || c === 0xfffd) t[c]! |= C_JUNK;
      if (ODD_SPACE_ONE.test(ch)) t[c]! |= C_ODD_SPACE;
      if (pictographic.test(ch)) t[c]! |= C_EMOTICON;
    } else t[c]! |= C_SURROGATE;
    if ((c >= 0xff01 && c <= 0xff5e) || c === 0x3000) t[c]! |= C_FULL_WIDTH;
    if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) t[c]! |= C_HAN;
    if (/^[A-Za-zＡ-Ｚａ-ｚ ]$/.test(ch)) t[c]! |= C_LATIN_OR_SPACE;
  }
  for (const ch of '[［') t[ch.charCodeAt(0)]! |= C_EMOTICON;
  for (const ch of '@＠:：') t[ch.charCodeAt(0)]! |= C_MARKUP;
  classes = t;
  return t;
}

const C_FOLD = C_JUNK | C_ODD_SPACE | C_FULL_WIDTH | C_SURROGATE;

interface Scanned {
  /** The input after sanitizeText and toHalfWidth. */
  text: string;
  /** Union of the classes of the input's units. */
  any: number;
  junk: number;
  lone: boolean;
}

// Output units of scanAndFold once the input needs folding, decoded into a string in one native call: cheaper than
// concatenating a slice per changed unit (Chinese text has a full-width comma every few characters). Grown on demand,
// with a Buffer over the same memory: its utf16le decoding takes half the time of a TextDecoder's on a post.
let folded: Uint16Array | undefined;
let foldedBytes: Buffer | undefined;
/** Byte order of the typed arrays the decoder reads. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
// Big-endian hosts only (typed arrays use the host's byte order). ignoreBOM: a U+FEFF at the start must stay text.
let utf16be: TextDecoder | undefined;

function decodeFolded(out: Uint16Array, units: number): string {
  if (LITTLE_ENDIAN) return foldedBytes!.toString('utf16le', 0, units * 2);
  utf16be ??= new TextDecoder('utf-16be', { ignoreBOM: true });
  return utf16be.decode(out.subarray(0, units));
}

/**
 * One pass over the input: its character classes, its junk count and lone surrogates, and at the same time
 * sanitizeText + toHalfWidth. Every unit those make anything else of has a C_FOLD class, and each maps on its own
 * (the classes do not overlap in a way that makes the order of the old regex passes matter), so one table read
 * per unit replaces a scan plus up to five regex/loop passes. Units are copied to `folded` from the first one that
 * changes; a text without any is returned as is.
 */
function scanAndFold(text: string): Scanned {
  const t = charClasses();
  const n = text.length;
  let any = 0;
  let i = 0;
  // Most units of most texts: nothing to fold.
  for (; i < n; i++) {
    const k = t[text.charCodeAt(i)]!;
    any |= k;
    if (k & C_FOLD) break;
  }
  if (i === n) return { text, any, junk: 0, lone: false };
  if (folded === undefined || folded.length < n) {
    folded = new Uint16Array(n + 4096);
    foldedBytes = Buffer.from(folded.buffer, folded.byteOffset, folded.byteLength);
  }
  const out = folded;
  for (let j = 0; j < i; j++) out[j] = text.charCodeAt(j);
  let o = i;
  let junk = 0;
  let lone = false;
  let changed = false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    const k = t[c]!;
    any |= k;
    if ((k & C_FOLD) === 0) {
      out[o++] = c;
    } else if (k & C_SURROGATE) {
      // A high surrogate followed by a low one is a pair: kept. Any other surrogate is lone: a space. A low
      // surrogate reached here never follows a high one (that would have taken it as its pair).
      const d = text.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        out[o++] = c;
        out[o++] = d;
        i++;
      } else {
        lone = true;
        changed = true;
        out[o++] = 0x20;
      }
    } else if (k & C_JUNK) {
      // CONTROL drops control/format characters and NUL; U+FFFD becomes a space.
      junk++;
      changed = true;
      if (c === 0xfffd) out[o++] = 0x20;
    } else {
      changed = true;
      // Full-width ASCII → ASCII; whitespace other than ' ' (ideographic space included) → ' '.
      out[o++] = c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : 0x20;
    }
  }
  // Only paired surrogates seen: nothing changed.
  if (!changed) return { text, any, junk, lone };
  return { text: decodeFolded(out, o), any, junk, lone };
}


/** Lone surrogates, NUL and U+FFFD → space, control characters dropped, odd whitespace → space. Characters otherwise kept. */
export function sanitizeText(text: string): string {
  return text.replace(LONE_SURROGATE, ' ').replace(CONTROL, '').replace(NUL_OR_REPLACEMENT, ' ').replace(WHITESPACE_CHARS, ' ');
}

export function normalizeText(input: string, options: NormalizeOptions): NormalizedText {
  // Nothing to convert, redact or pull out (most documents have no title).
  if (input === '') return { text: '', plain: '', links: [], mentions: [], emoticons: [], contacts: 0, flags: ['empty'] };
  const flags: string[] = [];
  let text = typeof input === 'string' ? input : '';
  if (text.length > options.maxChars) {
    // Never cut a surrogate pair in half.
    const c = text.charCodeAt(options.maxChars - 1);
    text = text.slice(0, options.maxChars - (c >= 0xd800 && c <= 0xdbff ? 1 : 0));
    flags.push('truncated');
  }
  const length = text.length;
  const scanned = scanAndFold(text);
  const { any, junk, lone } = scanned;
  if (lone) flags.push('lone_surrogates');
  if (length > 0 && junk / length > 0.1) flags.push('binary_junk');
  text = scanned.text;
  text = options.toSimplified(text);

  let contacts = 0;
  // Whether redaction wrote anything: the checks below may then only skip what the scan of the input rules out.
  let rewritten = false;
  if (options.redactContacts) {
    const redacted = options.redactContacts(text);
    rewritten = redacted.text !== text;
    text = redacted.text;
    contacts = redacted.count;
  }

  const links: string[] = [];
  // A URL needs letters; the conversions above never make letters out of other characters.
  if ((any & C_LATIN_OR_SPACE || rewritten) && (text.includes('http') || text.includes('www.'))) {
    text = text.replace(URL, (url) => {
      links.push(url.replace(/[.,;:!?)\]]+$/, ''));
      return ' ';
    });
  }
  const mentions: string[] = [];
  if (any & C_MARKUP && text.includes('@')) {
    text = text.replace(MENTION, (_m, name: string) => {
      mentions.push(name);
      return ' ';
    });
  }

  // Double spaces need a space or something that became one (odd or junk characters, lone surrogates, links, mentions).
  const spacesPossible = any & (C_LATIN_OR_SPACE | C_ODD_SPACE | C_JUNK | C_SURROGATE) || rewritten || links.length > 0 || mentions.length > 0;
  if (spacesPossible && text.includes('  ')) text = text.replace(SPACES, ' ');
  text = text.trim();
  const emoticons: string[] = [];
  let plain = text;
  if (any & (C_EMOTICON | C_SURROGATE)) {
    // One table-driven scan collects them and blanks them out (cheaper than the equivalent regex: no callback).
    plain = extractEmoticons(text, emoticons);
  }

  if (text.length === 0) flags.push('empty');
  else if (!(any & C_HAN)) flags.push('no_chinese');
  return { text, plain, links, mentions, emoticons, contacts, flags };
}
