import { proxyActivities } from '@temporalio/workflow';
import type * as activities from '../../activities';
import type { DailyDigestInput, DailyDigestResult } from './contract';

type Activities = ReturnType<typeof activities.createActivities>;
const mail = proxyActivities<Activities>({ startToCloseTimeout: '5 minutes', retry: { maximumAttempts: 5, nonRetryableErrorTypes: ['NotConfiguredError'] } });

/** Run by the `digest:{conn}` schedule: one mail with the connection's transfers per flow. */
export async function dailyDigest(input: DailyDigestInput): Promise<DailyDigestResult> {
  return mail.sendDigest(input);
}
