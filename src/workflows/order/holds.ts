import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import type { Hold } from '../../activities/order-types';
import { holdFromEconomicRejection, holdReasons } from '../../domain/economic';

const SYSTEM_NAMES: Record<string, string> = { economic: 'e-conomic', rackbeat: 'Rackbeat', shopify: 'Shopify', woocommerce: 'WooCommerce' };

interface FailureDetail {
  system?: string;
  issues?: { path: string; message: string; code?: string }[];
}

/**
 * Turns a non-retryable activity failure into a hold: a stable code and one sentence saying what
 * to fix where. Retryable failures never get here (Temporal retries them with backoff).
 */
export function holdFromFailure(err: unknown, step: string, ctx: { connectionId: string; orderNumber: string }): Hold {
  const { orderNumber } = ctx;
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (!(cause instanceof ApplicationFailure)) return { code: 'UNEXPECTED_ERROR', message: `${step} failed unexpectedly; see the workflow's event history, then send a retry.` };
  const detail = (cause.details?.[0] ?? {}) as FailureDetail;
  const systemKey = detail.system ?? 'economic';
  const system = SYSTEM_NAMES[systemKey] ?? systemKey;
  const prefix = systemKey.toUpperCase();
  switch (cause.type) {
    case 'InventoryModuleError':
      // Not holdReasons.economicInventoryModule: here a retry itself is the fix (the step falls back to a draft invoice).
      return {
        code: 'ECONOMIC_INVENTORY_MODULE',
        message: `The e-conomic agreement has the inventory module, which refuses orders through the API: rackbridge will create a draft invoice instead when you send a retry (or set documentType: invoice).`,
      };
    case 'RejectedRequestError': {
      if (systemKey === 'economic') return holdFromEconomicRejection({ step: `the ${step} step for Rackbeat order ${orderNumber}`, message: cause.message, issues: detail.issues ?? [] });
      const fields = (detail.issues ?? []).map((i) => `${i.path}${i.code ? ` (${i.code})` : ''}: ${i.message}`).slice(0, 3);
      return {
        code: `${prefix}_REJECTED`,
        message: `${system} refused to ${step} for Rackbeat order ${orderNumber}${fields.length ? ` — ${fields.join('; ')}` : ''}: correct the data in Rackbeat, then the next change or a retry sends it again.`,
      };
    }
    case 'AuthError':
      if (systemKey === 'economic') return holdReasons.economicAuth(ctx.connectionId);
      return { code: `${prefix}_AUTH`, message: `${system} refused rackbridge's credentials: renew the API token named in the connections file, restart rackbridge, then send a retry.` };
    case 'NotFoundError':
      return systemKey === 'rackbeat'
        ? holdReasons.rackbeatOrderNotFound(orderNumber)
        : // A 404 of one endpoint says nothing about deletion: only an empty lookup by reference (in the activity) does.
          holdReasons.economicNotFound(step, orderNumber);
    case 'ResponseShapeError':
      return { code: `${prefix}_UNEXPECTED_RESPONSE`, message: `${system} answered in a shape rackbridge does not understand while trying to ${step}: report it to the rackbridge maintainers; a retry tries again.` };
    default:
      return { code: 'UNEXPECTED_ERROR', message: `${step} failed (${cause.type ?? 'error'}: ${cause.message}); see the event history, then send a retry.` };
  }
}
