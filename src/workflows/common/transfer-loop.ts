import { condition, proxyActivities, type SignalDefinition, setHandler, workflowInfo } from '@temporalio/workflow';
import type * as activities from '../../activities';
import type { Hold } from '../../activities/order-types';
import { ArrivalSteps } from './arrival-steps';
import { DeliveryDedup } from './delivery-dedup';
import { retrySignal, statusQuery } from './entity-messages';
import type { Generational } from './generation';
import { PauseGate } from './pause-gate';
import { StatusRecorder } from './status-recorder';
import type { TransferStep } from './transfer-status';
import { TransferView } from './transfer-view';

type Activities = ReturnType<typeof activities.createActivities>;
const notifications = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 5 } });

export interface TransferLoopOptions<E> {
  connectionId: string;
  flow: string;
  /** e.g. `rackbeat:order:1001`. */
  sourceRef: string;
  /** The transfer's input: its generation decides patches, its connection and flow the pause gate. */
  input: Generational;
  /** The signal that brings source events. */
  eventSignal: SignalDefinition<[E]>;
  /** What the status shows when an event arrives. */
  arrivalStep: (event: E) => TransferStep;
  /** Called for each first-seen event after it is queued (e.g. to keep a payment it carries). */
  onEvent?: (event: E) => void;
  /** Search attributes only when the transfer settles (TransferView). */
  settledSearchAttributes: boolean;
  /** What the held-transfer notification names. */
  notifyContext: Parameters<Activities['notifyHeld']>[0];
  /** Where a change resumes a held transfer, in words. @default a change in Rackbeat */
  resumesOn?: string;
  /** Carried across continue-as-new. */
  seen?: readonly string[] | undefined;
  steps?: TransferStep[] | undefined;
}

/**
 * What every transfer workflow shares (DESIGN.md §2, §4): its status, the de-duplication of
 * deliveries, the event queue and the retry signal, the pause gate, the Web UI view, and holding
 * with one notification per reason. The workflow brings its steps; `next()` waits for work.
 */
export class TransferLoop<E extends { deliveryId: string }> {
  readonly status: StatusRecorder;
  private readonly gate: PauseGate;
  private readonly dedup: DeliveryDedup;
  private readonly view: TransferView;
  private readonly arrivals: ArrivalSteps<E>;
  private readonly pending: E[] = [];
  private retryRequested = false;
  private current: Hold | undefined;

  constructor(private readonly options: TransferLoopOptions<E>) {
    const { workflowId } = workflowInfo();
    this.status = new StatusRecorder({ workflowId, flow: options.flow, connectionId: options.connectionId, sourceRef: options.sourceRef, ...(options.steps ? { steps: options.steps } : {}) });
    this.dedup = new DeliveryDedup(options.seen ? [...options.seen] : undefined);
    this.view = new TransferView(this.status, options.settledSearchAttributes);
    this.gate = new PauseGate(options.connectionId, options.flow, options.input);
    this.arrivals = new ArrivalSteps<E>(this.status, options.arrivalStep);
    setHandler(options.eventSignal, (event) => {
      if (!this.dedup.firstSeen(event.deliveryId)) return;
      this.pending.push(event);
      this.arrivals.arrived(event, this.gate.waiting);
      options.onEvent?.(event);
    });
    setHandler(retrySignal, () => {
      this.retryRequested = true;
    });
    setHandler(statusQuery, () => this.status.snapshot());
  }

  /** Waits for events or a retry, takes them all, and says which came. */
  async next(): Promise<{ events: E[]; retried: boolean }> {
    await condition(() => this.pending.length > 0 || this.retryRequested);
    const retried = this.retryRequested;
    this.retryRequested = false;
    const events = this.pending.splice(0, this.pending.length);
    this.arrivals.taken(events);
    if (retried) this.status.step({ name: 'retry requested', at: now(), result: 'ok' });
    return { events, retried };
  }

  /** Nothing waits to be handled: the run may finish or continue as new. */
  get idle(): boolean {
    return this.pending.length === 0 && !this.retryRequested;
  }

  get hold(): Hold | undefined {
    return this.current;
  }

  clearHold(): void {
    this.current = undefined;
  }

  /** Holds with `reason`; the first time for each reason, notifies (a failed notification is a step, not a failure). */
  async holdOn(reason: Hold): Promise<void> {
    const changed = this.current?.code !== reason.code;
    this.current = reason;
    this.status.hold(reason.code, reason.message, `waiting for ${this.options.resumesOn ?? 'a change in Rackbeat'} or a retry signal`);
    if (!changed) return;
    try {
      await notifications.notifyHeld(this.options.notifyContext, reason);
    } catch {
      this.status.step({ name: 'notify', at: now(), result: 'failed', error: 'the notification could not be delivered' });
    }
  }

  /** Updates the Web UI and search attributes. */
  show(refs: string[]): void {
    this.view.show(this.current?.code, refs);
  }

  /** Waits while the connection or flow is paused (a partner write follows). */
  pass(show: () => void): Promise<void> {
    return this.gate.pass(this.status, show);
  }

  /** Time to continue as new: the history is long and nothing is waiting (a signal during continue-as-new fails the task). */
  get shouldContinueAsNew(): boolean {
    const info = workflowInfo();
    return (info.continueAsNewSuggested || info.historyLength > 2_000) && this.idle;
  }

  /** The deliveries seen, for the next run. */
  seenDeliveries(): string[] {
    return this.dedup.toArray();
  }
}

const now = (): string => new Date().toISOString();
