import type { temporal } from '@temporalio/proto';
import { temporal as proto } from '@temporalio/proto';

const EVENT_TYPE = proto.api.enums.v1.EventType;

/**
 * Where one transfer's time went: each history event from `fromEvent` on, in ms after `t0`
 * (e.g. when its order was shipped). A long gap before `WORKFLOW_TASK_STARTED` is a worker busy
 * with other workflow tasks; before `ACTIVITY_TASK_STARTED`, no free activity slot; from started to
 * completed, the activity's own calls.
 */
export function traceHistory(history: temporal.api.history.v1.IHistory, t0: number, fromEvent: number): string[] {
  return (history.events ?? [])
    .filter((e) => Number(e.eventId ?? 0) >= fromEvent)
    .map((e) => {
      const at = Number(e.eventTime?.seconds ?? 0) * 1000 + Math.round((e.eventTime?.nanos ?? 0) / 1e6);
      const name = String(EVENT_TYPE[e.eventType ?? 0] ?? e.eventType).replace(/^EVENT_TYPE_/, '');
      return `${String(at - t0).padStart(6)} ms  ${name}`;
    });
}
