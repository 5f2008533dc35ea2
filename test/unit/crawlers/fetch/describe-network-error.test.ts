import { describe, expect, it } from 'vitest';
import { describeNetworkError } from '../../../../crawlers/fetch/describe-network-error.js';

const wrapped = (code: string): Error => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(`connect ${code}`), { code }) });

describe('describeNetworkError', () => {
  it('names what kept the request from its host, from the code on the error or its cause', () => {
    expect(describeNetworkError(wrapped('ECONNREFUSED'))).toEqual({ code: 'ECONNREFUSED', what: 'connection refused (site down or wrong port)' });
    expect(describeNetworkError(wrapped('ENOTFOUND'))?.what).toBe('DNS lookup failed (no such host name)');
    expect(describeNetworkError(wrapped('CERT_HAS_EXPIRED'))?.what).toBe('TLS handshake failed (certificate or protocol problem)');
    expect(describeNetworkError(wrapped('DEPTH_ZERO_SELF_SIGNED_CERT'))?.what).toBe('TLS handshake failed (certificate or protocol problem)');
    expect(describeNetworkError(wrapped('UND_ERR_CONNECT_TIMEOUT'))?.what).toBe('timed out');
    expect(describeNetworkError(Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }))?.what).toBe('timed out');
    expect(describeNetworkError(wrapped('ECONNRESET'))?.what).toBe('connection reset by the host');
    expect(describeNetworkError(wrapped('EHOSTUNREACH'))?.what).toBe('host unreachable (no route to it)');
  });

  it('says nothing for errors without a network code', () => {
    expect(describeNetworkError(new Error('HTTP 503'))).toBeUndefined();
    expect(describeNetworkError(wrapped('EWHATEVER'))).toBeUndefined();
  });
});
