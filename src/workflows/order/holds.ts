import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import type { Hold } from '../../activities/order-types';

const SYSTEM_NAMES: Record<string, string> = { economic: 'e-conomic', rackbeat: 'Rackbeat' };

interface FailureDetail {
  system?: string;
  issues?: { path: string; message: string; code?: string }[];
}

/**
 * Turns a non-retryable activity failure into a hold: a stable code and one sentence saying what
 * to fix where. Retryable failures never get here (Temporal retries them with backoff).
 */
export function holdFromFailure(err: unknown, step: string, orderNumber: string): Hold {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (!(cause instanceof ApplicationFailure)) return { code: 'UNEXPECTED_ERROR', message: `${step} failed unexpectedly; see the workflow's event history, then send a retry.` };
  const detail = (cause.details?.[0] ?? {}) as FailureDetail;
  const systemKey = detail.system ?? 'economic';
  const system = SYSTEM_NAMES[systemKey] ?? systemKey;
  const prefix = systemKey.toUpperCase();
  switch (cause.type) {
    case 'InventoryModuleError':
      return {
        code: 'ECONOMIC_INVENTORY_MODULE',
        message: `The e-conomic agreement has the inventory module, which refuses orders through the API: rackbridge will create a draft invoice instead when you send a retry (or set documentType: invoice).`,
      };
    case 'RejectedRequestError': {
      const fields = (detail.issues ?? []).map((i) => `${i.path}${i.code ? ` (${i.code})` : ''}: ${i.message}`).slice(0, 3);
      return {
        code: `${prefix}_REJECTED`,
        message: `${system} refused to ${step} for Rackbeat order ${orderNumber}${fields.length ? ` — ${fields.join('; ')}` : ''}: correct the data in Rackbeat, then the next change or a retry sends it again.`,
      };
    }
    case 'AuthError':
      return { code: `${prefix}_AUTH`, message: `${system} refused rackbridge's credentials: renew the API token named in the connections file, restart rackbridge, then send a retry.` };
    case 'NotFoundError':
      return systemKey === 'rackbeat'
        ? { code: 'RACKBEAT_ORDER_NOT_FOUND', message: `Rackbeat has no order ${orderNumber}: check the order exists in Rackbeat, then send a retry.` }
        : { code: 'ECONOMIC_DOCUMENT_MISSING', message: `A document rackbridge made for Rackbeat order ${orderNumber} is gone from e-conomic: check it was not deleted by hand, then send a retry.` };
    case 'ResponseShapeError':
      return { code: `${prefix}_UNEXPECTED_RESPONSE`, message: `${system} answered in a shape rackbridge does not understand while trying to ${step}: report it to the rackbridge maintainers; a retry tries again.` };
    default:
      return { code: 'UNEXPECTED_ERROR', message: `${step} failed (${cause.type ?? 'error'}: ${cause.message}); see the event history, then send a retry.` };
  }
}
