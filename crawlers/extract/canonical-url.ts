/**
 * Canonical form of a page URL, so the same page always maps to the same docId: lowercase scheme/host, default port
 * dropped, fragment removed, tracking parameters (utm_*, spm, from, …) removed, remaining query sorted.
 */
const tracking = new Set(['spm', 'from', 'fbclid', 'gclid', 'yclid', 'msclkid', 'share_token', 'sharer', 'scene', 'clicktime', 'enterid', 'isappinstalled', 'wfr', 'ref', 'ref_src', 'mc_cid', 'mc_eid']);

export function canonicalUrl(input: string, base?: string): string {
  const url = new URL(input, base);
  url.hash = '';
  url.hostname = url.hostname.toLowerCase();
  const kept = [...url.searchParams.entries()].filter(([k]) => !k.toLowerCase().startsWith('utm_') && !tracking.has(k.toLowerCase()));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = new URLSearchParams(kept).toString();
  return url.toString();
}

/** Resolves a link found on a page; null for non-http(s) links (mailto:, javascript:) or garbage. */
export function resolveLink(href: string | undefined, pageUrl: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim(), pageUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? canonicalUrl(url.toString()) : null;
  } catch {
    return null;
  }
}

/** True when `host` is one of the allowed domains or a subdomain of one. */
export function isAllowedHost(host: string, allowedDomains: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return allowedDomains.some((d) => {
    const domain = d.toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
    return h === domain || h.endsWith(`.${domain}`);
  });
}
