import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type * as activities from '../../activities';
import { NON_RETRYABLE_ERROR_TYPES } from './activity-options';

/*
 * What the scheduled listing runs (webshop reconcile, Rackbeat poll) share: bounded retries, so a
 * partner that stays down fails this run's listing and its checkpoint carries over to the next run.
 */

type Activities = ReturnType<typeof activities.createActivities>;

/** Checkpoint look-ups and other short steps. */
export const quickSteps = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry: { maximumAttempts: 3, nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES } });

/** A listing that may walk many pages; it heartbeats, so a dead worker is noticed within a minute. */
export function listingSteps(startToCloseTimeout: '10 minutes' | '30 minutes') {
  return proxyActivities<Activities>({ startToCloseTimeout, heartbeatTimeout: '1 minute', retry: { maximumAttempts: 3, nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES } });
}

/** The message of an activity failure, for a run's result and details. */
export function failureMessage(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof ApplicationFailure ? err.cause : err;
  return cause instanceof Error ? cause.message : String(cause);
}
