/**
 * Turns an error thrown by the Elasticsearch client into a typed ServiceError: unreachable / overloaded → retryable
 * ES_UNAVAILABLE naming the URL (no credentials) and the command that starts it; a rejected request → ES_REJECTED.
 */
import { errors } from '@elastic/elasticsearch';
import { ServiceError } from '../errors.js';
import { publicEsUrl } from './public-es-url.js';

export const startCommand = 'node workers/cli/pulse.mjs services up';

/** `action` says what we were doing, e.g. "bulk indexing 200 documents". */
export function translateEsError(error: unknown, esUrl: string, action: string): ServiceError {
  if (error instanceof ServiceError) return error;
  const url = publicEsUrl(esUrl);
  if (
    error instanceof errors.ConnectionError ||
    error instanceof errors.TimeoutError ||
    error instanceof errors.NoLivingConnectionsError
  ) {
    const why = error instanceof errors.TimeoutError ? 'request timed out' : firstLine(error.message);
    return new ServiceError(
      'ES_UNAVAILABLE',
      `Elasticsearch is not answering at ${url} (${why}) while ${action}: start it with \`${startCommand}\``,
      { url },
      { cause: error },
    );
  }
  if (error instanceof errors.ResponseError) {
    const status = error.meta.statusCode ?? 0;
    const reason = responseReason(error);
    if (status === 429 || status >= 500) {
      return new ServiceError(
        'ES_UNAVAILABLE',
        `Elasticsearch at ${url} is overloaded or unhealthy (HTTP ${status}: ${reason}) while ${action}; retry later or check \`${startCommand}\``,
        { url },
        { cause: error },
      );
    }
    if (reason.startsWith('index_not_found_exception')) {
      return new ServiceError(
        'ES_REJECTED',
        `${reason.replace(/^index_not_found_exception: /, '')} at ${url} while ${action}: create it with \`node workers/cli/pulse.mjs index setup\` (the demo does it too)`,
        { url },
        { cause: error },
      );
    }
    return new ServiceError('ES_REJECTED', `Elasticsearch at ${url} rejected ${action} (HTTP ${status}: ${reason})`, { url }, { cause: error });
  }
  const message = error instanceof Error ? firstLine(error.message) : String(error);
  return new ServiceError('ES_REJECTED', `Elasticsearch client failed while ${action} at ${url}: ${message}`, { url }, { cause: error });
}

function responseReason(error: InstanceType<typeof errors.ResponseError>): string {
  const body = error.meta.body as { error?: { type?: string; reason?: string } | string } | undefined;
  if (body && typeof body.error === 'object') return `${body.error.type ?? 'error'}: ${body.error.reason ?? ''}`.slice(0, 300);
  if (body && typeof body.error === 'string') return body.error.slice(0, 300);
  return firstLine(error.message).slice(0, 300);
}

const firstLine = (s: string): string => s.split('\n')[0] ?? s;
