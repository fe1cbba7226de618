import { ApplicationFailure } from '@temporalio/activity';
import { isIntegrationError, RateLimitedError, RejectedRequestError } from '../connectors/http';

/**
 * The one place a connector error becomes a Temporal failure: the type is the error's class name
 * (workflows match on it), business rejections are non-retryable, and a `Retry-After` becomes the
 * next retry delay so Temporal waits as long as the upstream asked.
 */
export function toActivityFailure(err: unknown): unknown {
  if (!isIntegrationError(err)) return err;
  const waitMs = err instanceof RateLimitedError ? err.retryAfterMs : undefined;
  return ApplicationFailure.create({
    type: err.name,
    message: err.message,
    nonRetryable: !err.retryable,
    ...(waitMs === undefined ? {} : { nextRetryDelay: waitMs }),
    details: err instanceof RejectedRequestError ? [{ system: err.system, issues: err.issues }] : [{ system: err.system }],
  });
}

/** Runs an activity body, translating connector errors on the way out. */
export async function translated<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toActivityFailure(err);
  }
}
