import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import type { Hold } from '../../activities/order-types';

/** The systems as people name them, by the `system` a connector puts on its failures. */
const SYSTEM_NAMES: Record<string, string> = { economic: 'e-conomic', rackbeat: 'Rackbeat', netvisor: 'Netvisor', shopify: 'Shopify', woocommerce: 'WooCommerce' };

/** A non-retryable activity failure, read once for every hold map: its type, its system and the partner's issues. */
export interface ClassifiedFailure {
  cause: ApplicationFailure;
  type: string | undefined;
  systemKey: string;
  /** e.g. `e-conomic`. */
  system: string;
  /** Hold-code prefix, e.g. `ECONOMIC`. */
  prefix: string;
  issues: { path: string; message: string; code?: string }[];
}

/** `undefined` for a failure that is not an application failure (nothing to classify: an unexpected error). */
export function classifyFailure(err: unknown, defaultSystem = 'unknown'): ClassifiedFailure | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (!(cause instanceof ApplicationFailure)) return undefined;
  const detail = (cause.details?.[0] ?? {}) as { system?: string; issues?: ClassifiedFailure['issues'] };
  const systemKey = detail.system ?? defaultSystem;
  return { cause, type: cause.type ?? undefined, systemKey, system: SYSTEM_NAMES[systemKey] ?? systemKey, prefix: systemKey.toUpperCase(), issues: detail.issues ?? [] };
}

/** The hold of a failure nothing more specific explains. */
export function unexpectedHold(step: string, failure: ClassifiedFailure | undefined): Hold {
  if (!failure) return { code: 'UNEXPECTED_ERROR', message: `${step} failed unexpectedly; see the workflow's event history, then send a retry.` };
  return { code: 'UNEXPECTED_ERROR', message: `${step} failed (${failure.type ?? 'error'}: ${failure.cause.message}); see the event history, then send a retry.` };
}

/** A partner answered in a shape rackbridge does not understand: the same hold in every flow. */
export function unexpectedResponseHold(step: string, failure: ClassifiedFailure): Hold {
  return { code: `${failure.prefix}_UNEXPECTED_RESPONSE`, message: `${failure.system} answered in a shape rackbridge does not understand while trying to ${step}: report it to the rackbridge maintainers; a retry tries again.` };
}

/**
 * A non-retryable activity failure of a one-document transfer as a hold: a stable code per system
 * and kind, and one sentence saying what to fix where. Retryable failures never get here.
 */
export function holdFromStepFailure(err: unknown, step: string, target: string): Hold {
  const failure = classifyFailure(err);
  if (!failure) return unexpectedHold(step, failure);
  const { system, prefix, issues, cause } = failure;
  switch (failure.type) {
    case 'RejectedRequestError': {
      const issue = issues[0];
      if (failure.systemKey === 'netvisor' && issue?.code === 'PERIOD_LOCK') {
        return { code: 'PERIOD_CLOSED', message: `Netvisor refused to ${step} because of a period lock (${issue.message}): open the period or lift the lock in Netvisor, then send a retry.` };
      }
      const text = issues.map((i) => `${i.code ? `${i.code}: ` : ''}${i.message}`).slice(0, 3).join('; ');
      return { code: `${prefix}_REJECTED`, message: `${system} refused to ${step}${text ? ` (${text})` : ''}: correct the data, then the next change or a retry sends it again.` };
    }
    case 'AuthError':
      return { code: `${prefix}_AUTH`, message: `${system} refused rackbridge's credentials: renew the credentials named in the connections file, restart rackbridge, then send a retry.` };
    case 'NotFoundError':
      return { code: `${prefix}_NOT_FOUND`, message: `${system} no longer has what ${step} needs: check it was not deleted by hand, then send a retry.` };
    case 'ResponseShapeError':
      return unexpectedResponseHold(step, failure);
    case 'NotConfiguredError':
      return { code: 'NOT_CONFIGURED', message: `${cause.message}: add the ${target} settings to the connection, restart rackbridge, then send a retry.` };
    default:
      return unexpectedHold(step, failure);
  }
}
