import type { ActivityOptions, RetryPolicy } from '@temporalio/workflow';

/**
 * Failure types no retry can fix, for every flow: a business rejection, refused credentials, a
 * missing record, an answer of a shape we do not understand, a connection without the settings,
 * e-conomic's preflight and inventory-module refusals, and a payload our own schemas refuse. The
 * connector errors among them are also marked non-retryable where they are thrown
 * (activities/failure.ts); this list covers the failures that are not connector errors.
 * Everything else is retried with backoff: a transfer never stays held because of our own retry.
 */
export const NON_RETRYABLE_ERROR_TYPES: string[] = [
  'RejectedRequestError',
  'AuthError',
  'NotFoundError',
  'ResponseShapeError',
  'NotConfiguredError',
  'PreflightRequiredError',
  'InventoryModuleError',
  'ZodError',
];

/** A transfer's partner write: retried with backoff up to ten minutes apart until it succeeds or fails for good. */
export const TRANSFER_RETRY: RetryPolicy = { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES };

/** The step of a one-document transfer: heartbeats when slow, so a dead worker is noticed within 30 s. */
export const DOCUMENT_STEP: ActivityOptions = { startToCloseTimeout: '5 minutes', heartbeatTimeout: '30 seconds', retry: TRANSFER_RETRY };
