import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import type { Hold } from '../../activities/order-types';

const SYSTEM_NAMES: Record<string, string> = { economic: 'e-conomic', rackbeat: 'Rackbeat', netvisor: 'Netvisor', shopify: 'Shopify', woocommerce: 'WooCommerce' };

interface FailureDetail {
  system?: string;
  issues?: { path: string; message: string; code?: string }[];
}

/**
 * A non-retryable activity failure of a one-document transfer as a hold: a stable code per system
 * and kind, and one sentence saying what to fix where. Retryable failures never get here.
 */
export function holdFromStepFailure(err: unknown, step: string, target: string): Hold {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (!(cause instanceof ApplicationFailure)) return { code: 'UNEXPECTED_ERROR', message: `${step} failed unexpectedly; see the workflow's event history, then send a retry.` };
  const detail = (cause.details?.[0] ?? {}) as FailureDetail;
  const key = detail.system ?? 'unknown';
  const system = SYSTEM_NAMES[key] ?? key;
  const prefix = key.toUpperCase();
  switch (cause.type) {
    case 'RejectedRequestError': {
      const issue = detail.issues?.[0];
      if (key === 'netvisor' && issue?.code === 'PERIOD_LOCK') {
        return { code: 'PERIOD_CLOSED', message: `Netvisor refused to ${step} because of a period lock (${issue.message}): open the period or lift the lock in Netvisor, then send a retry.` };
      }
      const text = (detail.issues ?? []).map((i) => `${i.code ? `${i.code}: ` : ''}${i.message}`).slice(0, 3).join('; ');
      return { code: `${prefix}_REJECTED`, message: `${system} refused to ${step}${text ? ` (${text})` : ''}: correct the data, then the next change or a retry sends it again.` };
    }
    case 'AuthError':
      return { code: `${prefix}_AUTH`, message: `${system} refused rackbridge's credentials: renew the credentials named in the connections file, restart rackbridge, then send a retry.` };
    case 'NotFoundError':
      return { code: `${prefix}_NOT_FOUND`, message: `${system} no longer has what ${step} needs: check it was not deleted by hand, then send a retry.` };
    case 'ResponseShapeError':
      return { code: `${prefix}_UNEXPECTED_RESPONSE`, message: `${system} answered in a shape rackbridge does not understand while trying to ${step}: report it to the rackbridge maintainers; a retry tries again.` };
    case 'NotConfiguredError':
      return { code: 'NOT_CONFIGURED', message: `${cause.message}: add the ${target} settings to the connection, restart rackbridge, then send a retry.` };
    default:
      return { code: 'UNEXPECTED_ERROR', message: `${step} failed (${cause.type ?? 'error'}: ${cause.message}); see the event history, then send a retry.` };
  }
}
