import { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;
const T = temporal.api.enums.v1.EventType;
const EventType = {
  STARTED: Number(T.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED),
  ACTIVITY_SCHEDULED: Number(T.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
  ACTIVITY_STARTED: Number(T.EVENT_TYPE_ACTIVITY_TASK_STARTED),
  TIMER_STARTED: Number(T.EVENT_TYPE_TIMER_STARTED),
  SIGNALED: Number(T.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED),
  MARKER_RECORDED: Number(T.EVENT_TYPE_MARKER_RECORDED),
  CHILD_INITIATED: Number(T.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED),
  UPSERT_SEARCH_ATTRIBUTES: Number(T.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES),
} as const;

export interface ActionCount {
  events: number;
  actions: number;
  breakdown: Record<string, number>;
}

/**
 * Temporal Cloud billable actions of one run, counted from its history (docs: evaluate/cloud/actions):
 * the start (signal-with-start counts once for start and signal), each further signal, each
 * activity attempt, each timer, each search-attribute upsert, each child start (2), and local
 * activities (markers) once per workflow task. Heartbeats and queries are not in histories.
 */
export function countBillableActions(history: History): ActionCount {
  const events = history.events ?? [];
  const breakdown: Record<string, number> = { start: 0, signals: 0, activities: 0, retries: 0, timers: 0, upserts: 0, children: 0, localActivityTasks: 0 };
  const markerTasks = new Set<string>();
  let startedWithSignal = false;
  for (const [index, event] of events.entries()) {
    switch (Number(event.eventType)) {
      case EventType.STARTED:
        breakdown.start! += 1;
        // Signal-with-start writes STARTED then SIGNALED before the first workflow task.
        startedWithSignal = Number(events[index + 1]?.eventType) === EventType.SIGNALED;
        break;
      case EventType.SIGNALED:
        breakdown.signals! += 1;
        break;
      case EventType.ACTIVITY_SCHEDULED:
        breakdown.activities! += 1;
        break;
      case EventType.ACTIVITY_STARTED:
        breakdown.retries! += Math.max(0, (event.activityTaskStartedEventAttributes?.attempt ?? 1) - 1);
        break;
      case EventType.TIMER_STARTED:
        breakdown.timers! += 1;
        break;
      case EventType.UPSERT_SEARCH_ATTRIBUTES:
        breakdown.upserts! += 1;
        break;
      case EventType.CHILD_INITIATED:
        breakdown.children! += 2;
        break;
      case EventType.MARKER_RECORDED:
        markerTasks.add(String(event.markerRecordedEventAttributes?.workflowTaskCompletedEventId ?? index));
        break;
      default:
    }
  }
  if (startedWithSignal) breakdown.signals! -= 1;
  breakdown.localActivityTasks = markerTasks.size;
  const actions = Object.values(breakdown).reduce((a, b) => a + b, 0);
  return { events: events.length, actions, breakdown };
}
