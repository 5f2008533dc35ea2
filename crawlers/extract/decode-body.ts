/**
 * Response bytes → text. Charset from (1) the source's forced charset, (2) a byte-order mark (it wins over the
 * header, as in browsers: a UTF-16 page with a BOM behind `charset=gbk` is UTF-16), (3) the Content-Type header
 * (unless it says UTF-8 and the bytes are not), (4) <meta charset> / <meta http-equiv> / <?xml encoding?> in the first
 * 4 KB, (5) sniffing (valid UTF-8, else GB18030). A GB/Big5 declaration (header or meta) over bytes that are valid
 * multi-byte UTF-8 is overruled by UTF-8. GBK/GB2312 labels decode as GB18030 (their superset, as browsers do); Big5
 * through iconv-lite. Labels that name no text charset (base64, hex, binary, UTF-7) or that iconv-lite does not know
 * are ignored, so the next step decides: a page cannot turn its own text into garbage by declaring them.
 */
import iconv from 'iconv-lite';

export interface DecodedBody {
  text: string;
  /** The charset actually used and where it came from. */
  charset: string;
  from: 'forced' | 'header' | 'bom' | 'meta' | 'sniffed';
}

const aliases: Record<string, string> = {
  gbk: 'gb18030', gb2312: 'gb18030', 'x-gbk': 'gb18030', cp936: 'gb18030', 'windows-936': 'gb18030', gb_2312: 'gb18030',
  'gb_2312-80': 'gb18030', 'csgb2312': 'gb18030', hz: 'gb18030', 'iso-ir-58': 'gb18030', chinese: 'gb18030',
  big5: 'big5', 'big5-hkscs': 'big5hkscs', 'x-x-big5': 'big5', cn_big5: 'big5', csbig5: 'big5',
  utf8: 'utf-8', 'unicode-1-1-utf-8': 'utf-8', 'x-unicode20utf8': 'utf-8',
  'iso-8859-1': 'windows-1252', latin1: 'windows-1252', 'us-ascii': 'windows-1252', ascii: 'windows-1252',
};

/**
 * iconv-lite codecs that are not text charsets (binary-to-text encodings, its internal ones) or that browsers refuse
 * (UTF-7 is an XSS vector and not in the WHATWG Encoding Standard), compared the way iconv-lite compares names.
 */
const notTextCharsets = new Set(['base64', 'hex', 'binary', 'internal', 'utf7', 'utf7imap', 'unicode11utf7', 'csunicode11utf7']);

/** Canonical charset name we decode with, or null when iconv-lite does not know it or it is no text charset. */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  const name = aliases[l] ?? l;
  if (notTextCharsets.has(name.replace(/[^0-9a-z]/g, ''))) return null;
  return iconv.encodingExists(name) ? name : null;
}

export function charsetFromContentType(contentType: string | undefined): string | null {
  const m = /charset\s*=\s*["']?([^;"'\s]+)/i.exec(contentType ?? '');
  return normalizeCharset(m?.[1]);
}

function charsetFromMarkup(head: string): string | null {
  const meta =
    /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([a-z0-9_-]+)/i.exec(head);
  const name = normalizeCharset(meta?.[1]);
  // Bytes we could read the declaration from as ASCII are not UTF-16 (HTML's rule: a UTF-16 meta means UTF-8).
  return name && /^utf-?16/.test(name) ? 'utf-8' : name;
}

/** The charset a byte-order mark announces, and its length. */
function charsetFromBom(bytes: Buffer): { charset: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

const isValidUtf8 = (bytes: Buffer): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

const decode = (bytes: Buffer, charset: string): string =>
  charset === 'utf-8' ? new TextDecoder('utf-8').decode(bytes) : iconv.decode(bytes, charset, { stripBOM: true });

/**
 * True when bytes declared as a legacy CJK charset are in fact UTF-8: valid UTF-8 with multi-byte sequences. GBK or
 * Big5 text of any length is practically never valid UTF-8, while pages re-saved (or re-served by a CMS) as UTF-8
 * often keep their old `<meta charset=gb2312>`; browsers would show mojibake, readers of the site saw Chinese.
 */
const declaredLegacyButUtf8 = (bytes: Buffer, declared: string): boolean =>
  /^(gb18030|big5|big5hkscs)$/.test(declared) && bytes.some((b) => b >= 0x80) && isValidUtf8(bytes);

export function decodeBody(bytes: Buffer, contentType?: string, forced?: string): DecodedBody {
  const forcedName = normalizeCharset(forced);
  if (forcedName) return { text: decode(bytes, forcedName), charset: forcedName, from: 'forced' };
  const bom = charsetFromBom(bytes);
  if (bom) return { text: decode(bytes.subarray(bom.length), bom.charset), charset: bom.charset, from: 'bom' };
  const header = charsetFromContentType(contentType);
  if (header && declaredLegacyButUtf8(bytes, header)) return { text: decode(bytes, 'utf-8'), charset: 'utf-8', from: 'sniffed' };
  // Many Chinese sites send a server-wide `charset=utf-8` in front of GBK pages. Bytes that are not valid UTF-8
  // cannot be what the header says: fall through to the page's own declaration and sniffing instead of garbling.
  if (header && !(header === 'utf-8' && !isValidUtf8(bytes))) return { text: decode(bytes, header), charset: header, from: 'header' };
  // Declarations are ASCII, so reading the head as latin1 is safe whatever the real charset.
  const meta = charsetFromMarkup(bytes.subarray(0, 4096).toString('latin1'));
  if (meta && !declaredLegacyButUtf8(bytes, meta)) return { text: decode(bytes, meta), charset: meta, from: 'meta' };
  if (isValidUtf8(bytes)) return { text: decode(bytes, 'utf-8'), charset: 'utf-8', from: 'sniffed' };
  // Not UTF-8: almost always GBK-family or Big5. Both decoders accept nearly any bytes, so keep the reading that
  // contains more of the most frequent Chinese characters (simplified and traditional); GB18030 wins ties.
  const gb = iconv.decode(bytes, 'gb18030');
  const big5 = iconv.decode(bytes, 'big5');
  return commonScore(big5) > commonScore(gb) ? { text: big5, charset: 'big5', from: 'sniffed' } : { text: gb, charset: 'gb18030', from: 'sniffed' };
}

const common = new Set(
  '的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应向头文体政美相见被利什二等产或新己制身果加月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活更别打女变四' +
    '們個這來為國說時會對從還過動與後麼於見樣經現學機長問開關應點頭當無發實體話將區門東車達電們裡讓產員業買賣貨錢'
);

const commonScore = (s: string): number => {
  let n = 0;
  for (const ch of s) if (common.has(ch)) n++;
  return n;
};
