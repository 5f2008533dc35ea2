/**
 * SSRF guard: refuses URLs whose host is, or resolves to, a private, loopback, link-local or otherwise internal
 * address, unless that host/address is explicitly allowed (tests allow 127.0.0.1). Used before every request and on
 * every redirect hop.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { CrawlError } from '../errors.js';

function ipv4Private(ip: string): boolean {
  const [a = 0, b = 0] = ip.split('.').map(Number);
  return (
    a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 192 && b === 0) || (a === 198 && (b === 18 || b === 19)) || a >= 224
  );
}

/** True for addresses a public crawler must never reach on its own. */
export function isInternalAddress(ip: string): boolean {
  const v = isIP(ip);
  if (v === 4) return ipv4Private(ip);
  if (v !== 6) return true;
  const lower = ip.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped?.[1]) return ipv4Private(mapped[1]);
  return lower === '::' || lower === '::1' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower) || /^ff/.test(lower);
}

/** true = every address (never in production); a list = these hosts/IPs only ("*" in the list = all). */
export type AddressAllowance = boolean | readonly string[];

/** The config's comma-separated form ("127.0.0.1,::1", "*", "") → an allowance. */
export function parseAddressAllowance(value: string): AddressAllowance {
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  return list.includes('*') ? true : list;
}

export interface AddressGuard {
  /** Throws ADDRESS_FORBIDDEN when the URL's host is internal and not allowed. */
  check(url: string): Promise<void>;
}

export function createAddressGuard(allow: AddressAllowance, context: { sourceId?: string } = {}): AddressGuard {
  const allowed = new Set(typeof allow === 'boolean' ? [] : allow.map((a) => a.toLowerCase()));
  const cache = new Map<string, Promise<string[]>>();
  const resolve = (host: string): Promise<string[]> => {
    let p = cache.get(host);
    if (!p) cache.set(host, (p = lookup(host, { all: true }).then((r) => r.map((x) => x.address), () => [])));
    return p;
  };
  return {
    async check(url: string): Promise<void> {
      if (allow === true || allowed.has('*')) return;
      const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
      if (allowed.has(host)) return;
      const addresses = isIP(host) ? [host] : await resolve(host);
      const bad = addresses.find((ip) => isInternalAddress(ip) && !allowed.has(ip));
      if (bad !== undefined) {
        throw new CrawlError('ADDRESS_FORBIDDEN', `refused ${url}: ${host} is an internal address${bad && bad !== host ? ` (${bad})` : ''} not allowed by the config`, {
          sourceId: context.sourceId,
          url,
        });
      }
    },
  };
}
