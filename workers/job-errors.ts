/**
 * The one place that decides what a failure means for a job: transient errors are rethrown (BullMQ retries them with
 * backoff); permanent ones, and transient ones on their last attempt, go to the dead-letter queue with their context.
 * Errors are recognised structurally (`code` + `retryable`) so the layers stay independent of each other.
 */
import { ZodError } from 'zod';

export interface ClassifiedError {
  code: string;
  retryable: boolean;
  message: string;
}

export function classifyError(error: unknown): ClassifiedError {
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    return { code: 'INVALID_PAYLOAD', retryable: false, message: `invalid job data: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim() };
  }
  const e = error as { code?: unknown; retryable?: unknown; message?: unknown; name?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(error);
  if (typeof e?.code === 'string' && typeof e.retryable === 'boolean') return { code: e.code, retryable: e.retryable, message };
  // Unknown errors (a bug, a network blip) get the benefit of the doubt: retry, then dead-letter.
  return { code: typeof e?.code === 'string' ? e.code : 'UNEXPECTED', retryable: true, message };
}
