import type { Client } from '@temporalio/client';
import type { Connection } from '../config';
import type { dailyDigest } from '../workflows';
import { DIGEST_FLOW, digestScheduleId } from '../workflows/digest/contract';
import { type EnsuredSchedule, ensureConnectionSchedules } from './schedules';

/**
 * One `digest:{conn}` schedule per connection with e-mail and a digest: every day at the hour in
 * its time zone. Created, or updated keeping its state (a paused digest stays paused); a connection
 * without e-mail loses it. Overlap SKIP, and no catch-up of a missed day beyond an hour.
 */
export function ensureDigestSchedules(client: Client, connections: Connection[], options: { taskQueue?: string } = {}): Promise<EnsuredSchedule[]> {
  return ensureConnectionSchedules<typeof dailyDigest>(
    client,
    connections,
    digestScheduleId,
    (connection) => {
      const digest = connection.email?.digest;
      if (!digest) return undefined;
      return { flow: DIGEST_FLOW, workflowType: 'dailyDigest', args: [{ connectionId: connection.id }], summary: `Daily digest mail of ${connection.id}`, runTimeout: '1 hour', when: { dailyAt: digest } };
    },
    options,
  );
}
