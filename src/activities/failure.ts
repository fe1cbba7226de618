import { ApplicationFailure, heartbeat } from '@temporalio/activity';
import { isIntegrationError, RateLimitedError, RejectedRequestError, UpstreamUnavailableError } from '../connectors/http';

/**
 * The one place a connector error becomes a Temporal failure: the type is the error's class name
 * (workflows match on it), business rejections are non-retryable, and a `Retry-After` becomes the
 * next retry delay so Temporal waits as long as the upstream asked.
 */
export function toActivityFailure(err: unknown): unknown {
  if (!isIntegrationError(err)) return err;
  const waitMs = err instanceof RateLimitedError || err instanceof UpstreamUnavailableError ? err.retryAfterMs : undefined;
  return ApplicationFailure.create({
    type: err.name,
    message: err.message,
    nonRetryable: !err.retryable,
    ...(waitMs === undefined ? {} : { nextRetryDelay: waitMs }),
    details: err instanceof RejectedRequestError ? [{ system: err.system, issues: err.issues }] : [{ system: err.system }],
  });
}

/**
 * The connection lacks what a step needs (a system's section, a setting): non-retryable, because
 * only the operator's configuration change can fix it; the transfer holds with this message.
 */
export function notConfigured(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: 'NotConfiguredError', nonRetryable: true, message });
}

/** `notConfigured` for a connection without the section of a system, e.g. `economic`. */
export function missingSystem(connectionId: string, system: string): ApplicationFailure {
  return notConfigured(`connection ${connectionId} has no ${system} settings`);
}

/**
 * A step that runs longer than this starts heartbeating, so a crashed worker is noticed within
 * the heartbeat timeout instead of the start-to-close timeout. Quick steps never heartbeat: on
 * Temporal Cloud every heartbeat that reaches the server is a billed action.
 */
const HEARTBEAT_AFTER_MS = 4_000;
const HEARTBEAT_EVERY_MS = 4_000;

/** Runs an activity body, translating connector errors on the way out and heartbeating while it is slow. */
export async function translated<T>(fn: () => Promise<T>): Promise<T> {
  let ticker: NodeJS.Timeout | undefined;
  const starter = setTimeout(() => {
    heartbeat();
    ticker = setInterval(() => heartbeat(), HEARTBEAT_EVERY_MS);
  }, HEARTBEAT_AFTER_MS);
  try {
    return await fn();
  } catch (err) {
    throw toActivityFailure(err);
  } finally {
    clearTimeout(starter);
    if (ticker) clearInterval(ticker);
  }
}
