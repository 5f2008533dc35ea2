/**
 * Terminal display width of a string: East Asian wide and fullwidth characters (汉字, fullwidth punctuation, most
 * emoji) take two columns, combining marks none. Pure; used to align tables that mix Chinese and ASCII.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0) ?? 0);
  return width;
}

export function charWidth(cp: number): number {
  if (cp === 0 || cp < 32 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  return isWide(cp) ? 2 : 1;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Pads (or truncates with "…") to exactly `width` columns. */
export function fitWidth(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  let out = '';
  let used = 0;
  const full = displayWidth(text);
  if (full > width) {
    for (const ch of text) {
      const w = charWidth(ch.codePointAt(0) ?? 0);
      if (used + w > width - 1) break;
      out += ch;
      used += w;
    }
    return out + '…' + ' '.repeat(Math.max(0, width - used - 1));
  }
  const pad = ' '.repeat(width - full);
  return align === 'right' ? pad + text : text + pad;
}
