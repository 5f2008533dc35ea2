/** Deterministic ids: the same page always gets the same docId, the same content the same contentHash. */
import { createHash } from 'node:crypto';

const sha1 = (s: string): string => createHash('sha1').update(s, 'utf8').digest('hex');

export const documentId = (sourceId: string, canonicalUrl: string): string => sha1(`${sourceId}\n${canonicalUrl}`);

export const contentHash = (title: string, body: string): string => sha1(`${title}\n${body}`);

/** Authors are stored as salted hashes so trends can count distinct voices without keeping who they are. */
export const hashAuthor = (author: string, salt: string): string =>
  createHash('sha256').update(`${salt}\n${author.trim()}`, 'utf8').digest('hex').slice(0, 32);
