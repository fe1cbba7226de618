import { SANDBOX_CREDENTIALS } from '../defaults';
import type { WebhookDelivery, WebhookShape } from './webhooks';

/** Where a credit note carries its minus: no source says (rackbeat-verified §5, UNKNOWN). */
export type CreditNoteAmounts = 'negative-quantities' | 'negative-prices';

export interface RackbeatSimulatorSettings {
  /**
   * Waits between webhook delivery attempts; its length is the number of retries.
   * @default 10 s, 30 s, 1 min, 5 min, 15 min, 30 min, 1 h, 2 h, 4 h, 8 h, 8 h (about 24 h in all)
   */
  webhookRetryDelaysMs: number[];
  /** Time a receiver has to answer a delivery. @default 15000 */
  webhookTimeoutMs: number;
  /** Time allowed to connect to a receiver. @default 3000 */
  webhookConnectTimeoutMs: number;
  /** Bearer tokens the API accepts. @default [SANDBOX_CREDENTIALS.rackbeat.apiToken] */
  apiTokens: string[];
  /** Whether `POST /orders` books the order at once (unconfirmed upstream). @default false */
  ordersBookedOnCreate: boolean;
  /**
   * `real`: only the events some source attests, with the bodies Rackbeat really sends
   * (`{"key_name":"number","key":"1021"}`, event in the header). `documented`: also the guessed
   * events, with the docs' example body (`event`, `data`, numeric key) — only to test tolerance.
   * @default 'real'
   */
  webhookShape: WebhookShape;
  /** Deliveries to one webhook: each at once (`concurrent`), or in order, one in flight. @default 'concurrent' (Rackbeat's is unknown) */
  webhookDelivery: WebhookDelivery;
  /** Event names `POST /webhooks` answers 422 for (what real Rackbeat does with unknown names is not known). @default [] */
  refusedWebhookEvents: string[];
  /**
   * The lines of a credit note made by `create-creditnote`: the invoice's quantities negated and
   * its prices kept, or the reverse. Rackbeat's is unknown, so rackbridge must read both.
   * @default 'negative-quantities'
   */
  creditNoteAmounts: CreditNoteAmounts;
}

const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;

export const DEFAULT_RACKBEAT_SETTINGS: RackbeatSimulatorSettings = {
  webhookRetryDelaysMs: [10 * SECOND_MS, 30 * SECOND_MS, MINUTE_MS, 5 * MINUTE_MS, 15 * MINUTE_MS, 30 * MINUTE_MS, HOUR_MS, 2 * HOUR_MS, 4 * HOUR_MS, 8 * HOUR_MS, 8 * HOUR_MS],
  webhookTimeoutMs: 15_000,
  webhookConnectTimeoutMs: 3_000,
  apiTokens: [SANDBOX_CREDENTIALS.rackbeat.apiToken],
  ordersBookedOnCreate: false,
  webhookShape: 'real',
  webhookDelivery: 'concurrent',
  refusedWebhookEvents: [],
  creditNoteAmounts: 'negative-quantities',
};

