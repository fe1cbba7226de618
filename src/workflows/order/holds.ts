import type { Hold } from '../../activities/order-types';
import { holdFromEconomicRejection, holdReasons } from '../../domain/economic';
import { classifyFailure, unexpectedHold, unexpectedResponseHold } from '../common/step-failure';

/**
 * Turns a non-retryable activity failure of the order lifecycle into a hold: a stable code and one
 * sentence saying what to fix where, with the order's own wording (classification shared with
 * every flow: common/step-failure.ts). Retryable failures never get here.
 */
export function holdFromFailure(err: unknown, step: string, ctx: { connectionId: string; orderNumber: string }): Hold {
  const { orderNumber } = ctx;
  const failure = classifyFailure(err, 'economic');
  if (!failure) return unexpectedHold(step, failure);
  const { systemKey, system, prefix, issues, cause } = failure;
  switch (failure.type) {
    case 'InventoryModuleError':
      // Not holdReasons.economicInventoryModule: here a retry itself is the fix (the step falls back to a draft invoice).
      return {
        code: 'ECONOMIC_INVENTORY_MODULE',
        message: `The e-conomic agreement has the inventory module, which refuses orders through the API: rackbridge will create a draft invoice instead when you send a retry (or set documentType: invoice).`,
      };
    case 'RejectedRequestError': {
      if (systemKey === 'economic') return holdFromEconomicRejection({ step: `the ${step} step for Rackbeat order ${orderNumber}`, message: cause.message, issues });
      const fields = issues.map((i) => `${i.path}${i.code ? ` (${i.code})` : ''}: ${i.message}`).slice(0, 3);
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
      return unexpectedResponseHold(step, failure);
    default:
      return unexpectedHold(step, failure);
  }
}
