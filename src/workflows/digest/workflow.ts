import { proxyActivities } from '@temporalio/workflow';
import type * as activities from '../../activities';
import type { DailyDigestInput, DailyDigestResult } from './contract';
import { NON_RETRYABLE_ERROR_TYPES } from '../common/activity-options';

type Activities = ReturnType<typeof activities.createActivities>;
const mail = proxyActivities<Activities>({ startToCloseTimeout: '5 minutes', retry: { maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES } });

/** Run by the `digest:{conn}` schedule: one mail with the connection's transfers per flow. */
export async function dailyDigest(input: DailyDigestInput): Promise<DailyDigestResult> {
  return mail.sendDigest(input);
}
