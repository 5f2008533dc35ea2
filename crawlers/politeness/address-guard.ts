/**
 * SSRF guard: refuses URLs whose host is, or resolves to, a private, loopback, link-local or otherwise internal
 * address, unless that host/address is explicitly allowed, on any port or on one port (tests allow 127.0.0.1). Used
 * before every request and on every redirect hop.
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

/**
 * true = every address (never in production); a list = these entries only ("*" in the list = all). An entry is
 * `host` (any port), `host:port` (that port only), `[ipv6]:port`, or a bare IPv6 address (any port).
 */
export type AddressAllowance = boolean | readonly string[];

/** One parsed entry: a host name or IP, and the one port it is allowed on (undefined = any port). */
export interface AllowedAddress {
  host: string;
  port?: number;
}

/** "127.0.0.1:8080" → { host, port }; undefined when the entry is none of the documented forms. */
export function parseAllowedAddress(entry: string): AllowedAddress | undefined {
  const e = entry.trim().toLowerCase();
  const port = (p: string | undefined): number | undefined | null => (p === undefined ? undefined : Number(p) >= 1 && Number(p) <= 65535 ? Number(p) : null);
  const bracketed = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/.exec(e);
  const colons = (e.match(/:/g) ?? []).length;
  const [host, p] = bracketed ? [bracketed[1], bracketed[2]] : colons >= 2 ? [e, undefined] : (e.split(':') as [string, string | undefined]);
  if (!host || (bracketed || colons >= 2 ? isIP(host) !== 6 : !/^[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?$/.test(host))) return undefined;
  const n = port(p);
  if (n === null) return undefined;
  // URL hostnames hold IPv6 in its compressed form ("::1"), so compare entries in that form too.
  const normal = isIP(host) === 6 ? new URL(`http://[${host}]/`).hostname.slice(1, -1) : host;
  return n === undefined ? { host: normal } : { host: normal, port: n };
}

/** The config's comma-separated form ("127.0.0.1:8080,::1", "*", "") → an allowance; throws on an entry of no known form. */
export function parseAddressAllowance(value: string): AddressAllowance {
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((entry) => entry !== '*' && parseAllowedAddress(entry) === undefined);
  if (bad.length) {
    throw new CrawlError('ADDRESS_ALLOWANCE_INVALID', `PULSE_CRAWL_ALLOW_PRIVATE: "${bad.join('", "')}" is not host, host:port, [ipv6]:port or "*"`, {});
  }
  return list.includes('*') ? true : list;
}

export interface AddressGuard {
  /** Throws ADDRESS_FORBIDDEN when the URL's host is internal and not allowed. */
  check(url: string): Promise<void>;
}

export function createAddressGuard(allow: AddressAllowance, context: { sourceId?: string } = {}): AddressGuard {
  const entries = typeof allow === 'boolean' ? [] : allow.filter((a) => a.trim() !== '*').map((a) => parseAllowedAddress(a) ?? { host: a.trim().toLowerCase() });
  const all = allow === true || (typeof allow !== 'boolean' && allow.some((a) => a.trim() === '*'));
  const cache = new Map<string, Promise<string[]>>();
  const resolve = (host: string): Promise<string[]> => {
    let p = cache.get(host);
    if (!p) cache.set(host, (p = lookup(host, { all: true }).then((r) => r.map((x) => x.address), () => [])));
    return p;
  };
  return {
    async check(url: string): Promise<void> {
      if (all) return;
      const parsed = new URL(url);
      const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
      const port = Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80));
      const permits = (name: string): boolean => entries.some((e) => e.host === name && (e.port === undefined || e.port === port));
      if (permits(host)) return;
      const addresses = isIP(host) ? [host] : await resolve(host);
      const bad = addresses.find((ip) => isInternalAddress(ip) && !permits(ip));
      if (bad !== undefined) {
        // Listed, but for other ports only: say so, since "not allowed" alone reads like a missing entry.
        const ports = [...new Set(entries.filter((e) => (e.host === host || e.host === bad) && e.port !== undefined).map((e) => e.port))];
        const hint = ports.length ? `; it is allowed on port${ports.length > 1 ? 's' : ''} ${ports.join(', ')} only, not ${port}` : '';
        throw new CrawlError('ADDRESS_FORBIDDEN', `refused ${url}: ${host} is an internal address${bad !== host ? ` (${bad})` : ''} not allowed by the config${hint}`, {
          sourceId: context.sourceId,
          url,
        });
      }
    },
  };
}
