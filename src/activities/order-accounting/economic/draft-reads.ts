import { ApplicationFailure, log } from '@temporalio/activity';
import type { EconomicClient } from '../../../connectors/economic';
import { NotFoundError } from '../../../connectors/http';
import type { InvoicingStep } from '../../../domain/economic';
import type { DraftRef } from '../../../domain/order';
import type { CatalogCache } from '../../economic-catalog';

/**
 * The draft the workflow knows, read by number: still a draft with the order's reference → the
 * next invoicing step; gone (404) or someone else's → undefined, and the caller looks up by reference.
 */
export async function confirmDraft(economic: EconomicClient, draft: DraftRef, reference: string): Promise<InvoicingStep | undefined> {
  try {
    const document = draft.type === 'order' ? await economic.getOrder('drafts', draft.number) : await economic.getDraftInvoice(draft.number);
    if (document.references?.other !== reference) return undefined;
    return draft.type === 'order' ? { step: 'register-sent', orderNumber: draft.number } : { step: 'book', draftInvoiceNumber: draft.number };
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

/** A 403 on an order write: when the agreement has the inventory module, say so precisely. */
export async function refusedForInventoryModule(connectionId: string, economic: EconomicClient, catalogs: CatalogCache): Promise<void> {
  catalogs.forget(connectionId);
  const catalog = await catalogs.get(connectionId, economic);
  if (catalog.hasInventoryModule) {
    log.warn('e-conomic refused an order write: the agreement has the inventory module', { connectionId });
    throw ApplicationFailure.create({ type: 'InventoryModuleError', nonRetryable: true, message: 'the e-conomic agreement has the inventory module, which refuses order writes', details: [{ system: 'economic' }] });
  }
}
