import { TemporalUnavailableError } from './dispatch';

export type WebhookSource = 'rackbeat' | 'shopify' | 'woocommerce';

/**
 * How long each sender waits for an answer before it counts a time-out:
 * Shopify 5 s (reference/webshops.md §2.4), Rackbeat 15 s (reference/rackbeat-verified.md §2.2:
 * "response timeout 15 s"), WooCommerce 60 s (reference/webshops.md §3.3: HTTP client timeout 60 s).
 */
export const SENDER_TIMEOUT_MS: Record<WebhookSource, number> = { shopify: 5_000, rackbeat: 15_000, woocommerce: 60_000 };

/**
 * When rackbridge has answered at the latest, measured from the request's arrival: inside the
 * sender's time-out with a margin for the network and a loaded machine, so a slow or unreachable
 * Temporal costs the sender a 503 and a retry, never a time-out. WooCommerce's 60 s would allow
 * more, but a PHP request held that long blocks the shop's own cron worker.
 */
export const ANSWER_BUDGET_MS: Record<WebhookSource, number> = { shopify: 4_000, rackbeat: 10_000, woocommerce: 10_000 };

/**
 * Kept back from the budget: the hard timer answers this much before it. Measured with 150
 * concurrent deliveries to a hung Temporal on 2 cores, the event loop stalls for ~0.4 s while the
 * burst arrives on a quiet machine and for 1.2 s on a loaded CI machine (an answer read 4.2 s after
 * sending with the timer set at 3 s), so a timer can fire that late.
 */
export const ANSWER_MARGIN_MS = 1_500;

/**
 * The deadline handed to each Temporal call of a delivery: the whole budget, so it expires
 * after the hard timer has answered. The answer then never waits behind the burst of gRPC
 * deadline errors (which stalls the event loop for ~0.3 s in a storm); a call abandoned that
 * way still ends by itself shortly after the sender got its 503.
 */
export function temporalCallDeadlineMs(source: WebhookSource): number {
  return ANSWER_BUDGET_MS[source];
}

/**
 * Runs `work` but settles by `answerAtMs` (epoch ms) whatever Temporal does: past it, rejects
 * with TemporalUnavailableError so the receiver answers 503 in time. The work is not cancelled:
 * if Temporal accepts the event after all, the sender's retry meets the workflow's de-duplication.
 */
export function settleBy<T>(answerAtMs: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TemporalUnavailableError('Temporal did not accept the event within the answer budget')), Math.max(0, answerAtMs - Date.now()));
  });
  // The losing side of the race must not become an unhandled rejection.
  work.catch(() => undefined);
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
