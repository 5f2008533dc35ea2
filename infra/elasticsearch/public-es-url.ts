/** The Elasticsearch URL as it may appear in messages and logs: user and password removed, never echoed. */
export function publicEsUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '<invalid Elasticsearch URL>';
  }
}
