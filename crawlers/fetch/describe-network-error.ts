/**
 * Says in words what kept a request from reaching its host — connection refused, DNS, TLS, timeout — from the error
 * code Node puts on the error or on one of its causes (fetch() wraps it: "fetch failed" with cause.code). Pure.
 * Returns undefined when the error carries no such code (e.g. an HTTP status).
 */
const meanings: [RegExp, string][] = [
  [/^ECONNREFUSED$/, 'connection refused (site down or wrong port)'],
  [/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME)$/, 'DNS lookup failed (no such host name)'],
  [/^(CERT_|ERR_TLS_|UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_|ERR_SSL_|EPROTO$)/, 'TLS handshake failed (certificate or protocol problem)'],
  [/^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|ESOCKETTIMEDOUT)$/, 'timed out'],
  [/^(ECONNRESET|UND_ERR_SOCKET|EPIPE)$/, 'connection reset by the host'],
  [/^(EHOSTUNREACH|ENETUNREACH|EHOSTDOWN)$/, 'host unreachable (no route to it)'],
];

export interface NetworkFailure {
  /** The Node/undici code, e.g. ECONNREFUSED. */
  code: string;
  /** What it means, in words a user reads. */
  what: string;
}

export function describeNetworkError(error: unknown): NetworkFailure | undefined {
  for (let e: unknown = error, i = 0; e && i < 6; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      const meaning = meanings.find(([re]) => re.test(code));
      if (meaning) return { code, what: meaning[1] };
    }
    if ((e as { name?: unknown }).name === 'TimeoutError') return { code: 'ETIMEDOUT', what: 'timed out' };
  }
  return undefined;
}
