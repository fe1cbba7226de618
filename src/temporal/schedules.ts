import { type Client, ScheduleAlreadyRunning, ScheduleNotFoundError, type ScheduleOptionsAction, ScheduleOverlapPolicy, type ScheduleUpdateOptions } from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';

/** Deletes a schedule that is no longer wanted; returns whether there was one. */
export async function deleteScheduleIfPresent(client: Client, scheduleId: string): Promise<boolean> {
  try {
    await client.schedule.getHandle(scheduleId).delete();
    return true;
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return false;
    throw err;
  }
}

/**
 * Creates an every-`everyMs` schedule, or updates an existing one to this action and interval while
 * keeping its state (an operator's pause survives a restart). Overlap SKIP: a run still working is
 * not doubled, and missed runs are not caught up beyond one interval.
 */
export async function upsertIntervalSchedule(
  client: Client,
  options: { scheduleId: string; everyMs: number; action: ScheduleOptionsAction; searchAttributes: SearchAttributePair[] },
): Promise<'created' | 'updated'> {
  const { scheduleId, action } = options;
  const spec = { intervals: [{ every: options.everyMs }] };
  // Temporal's smallest catch-up window is 10 s.
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: Math.max(options.everyMs, 10_000) };
  try {
    await client.schedule.create({ scheduleId, spec, action, policies, typedSearchAttributes: options.searchAttributes });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  // Several processes starting at once may update the same schedule; a lost race (conflict token) is tried again.
  for (let attempt = 1; ; attempt++) {
    try {
      await client.schedule.getHandle(scheduleId).update((previous): ScheduleUpdateOptions<ScheduleOptionsAction> => ({ ...previous, spec, action, policies }));
      return 'updated';
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}
