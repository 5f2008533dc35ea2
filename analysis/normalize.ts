/**
 * Text normalization before segmentation: takes any JS string (junk, lone surrogates, megabytes), gives clean
 * simplified half-width text plus what was pulled out of it (links, @mentions, emoticons, emoji) and flags.
 * Never throws on input; never keeps contact ids when a redactor is given.
 */
import type { ContactRedactor } from './contact-redaction.js';
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
const EMOTICON_OR_EMOJI = /\[[\u3400-\u9fffA-Za-z]{1,8}\]|\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic})*/gu;
const SPACES = / {2,}/g;
const HAS_LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const HAN = /[\u3400-\u9fff]/;

/** Full-width ASCII (U+FF01–FF5E) → ASCII; ideographic space → space. Chinese punctuation outside that block stays. */
function toHalfWidth(text: string): string {
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0xff01 && c <= 0xff5e) || c === 0x3000) break;
  }
  if (i === text.length) return text;
  let out = text.slice(0, i);
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : c === 0x3000 ? ' ' : text[i];
  }
  return out;
}

/** Share of code units that are control characters, NUL or U+FFFD: high for binary junk read as text. */
function junkShare(text: string): number {
  const bad = (text.match(CONTROL)?.length ?? 0) + (text.match(NUL_OR_REPLACEMENT)?.length ?? 0);
  return text.length === 0 ? 0 : bad / text.length;
}

/** Lone surrogates, NUL and U+FFFD → space, control characters dropped, odd whitespace → space. Characters otherwise kept. */
export function sanitizeText(text: string): string {
  return text.replace(LONE_SURROGATE, ' ').replace(CONTROL, '').replace(NUL_OR_REPLACEMENT, ' ').replace(WHITESPACE_CHARS, ' ');
}

export function normalizeText(input: string, options: NormalizeOptions): NormalizedText {
  const flags: string[] = [];
  let text = typeof input === 'string' ? input : '';
  if (text.length > options.maxChars) {
    // Never cut a surrogate pair in half.
    const cut = options.maxChars - (/[\uD800-\uDBFF]/.test(text[options.maxChars - 1] ?? '') ? 1 : 0);
    text = text.slice(0, cut);
    flags.push('truncated');
  }
  if (HAS_LONE_SURROGATE.test(text)) flags.push('lone_surrogates');
  if (junkShare(text) > 0.1) flags.push('binary_junk');
  text = sanitizeText(text);
  text = options.toSimplified(toHalfWidth(text));

  let contacts = 0;
  if (options.redactContacts) {
    const redacted = options.redactContacts(text);
    text = redacted.text;
    contacts = redacted.count;
  }

  const links: string[] = [];
  text = text.replace(URL, (url) => {
    links.push(url.replace(/[.,;:!?)\]]+$/, ''));
    return ' ';
  });
  const mentions: string[] = [];
  text = text.replace(MENTION, (_m, name: string) => {
    mentions.push(name);
    return ' ';
  });

  text = text.replace(SPACES, ' ').trim();
  const emoticons: string[] = [];
  for (const m of text.matchAll(EMOTICON_OR_EMOJI)) emoticons.push(m[0]);
  const plain = emoticons.length === 0 ? text : text.replace(EMOTICON_OR_EMOJI, ' ');

  if (text.length === 0) flags.push('empty');
  else if (!HAN.test(text)) flags.push('no_chinese');
  return { text, plain, links, mentions, emoticons, contacts, flags };
}
