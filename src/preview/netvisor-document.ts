import { planNetvisorDocument } from '../activities/netvisor';
import type { Connection } from '../config';
import type { NetvisorClient } from '../connectors/netvisor';
import { salesDocumentXml } from '../connectors/netvisor/documents';
import type { RackbeatClient } from '../connectors/rackbeat';
import { creditNoteUnmatched, type DocumentKind, documentLabel } from '../domain/netvisor';
import type { DocumentPreview } from './document-preview';

export interface NetvisorPreviewDeps {
  connection: Connection;
  rackbeat: RackbeatClient;
  netvisor: NetvisorClient;
  /** The date rackbridge would use (today, YYYY-MM-DD). */
  date: string;
}

/**
 * F5's first step without its writes: the same reads, seed rules and mapping as the transfer
 * (`planNetvisorDocument`), so the XML shown is the XML that would be sent. Netvisor documents are
 * never edited by rackbridge, so an existing one is reported, not diffed.
 */
export async function previewNetvisorDocument(deps: NetvisorPreviewDeps, kind: DocumentKind, number: string, listedDate?: string): Promise<DocumentPreview> {
  const settings = deps.connection.netvisor?.settings;
  if (!settings) throw new Error(`connection ${deps.connection.id} has no Netvisor settings`);
  const plan = await planNetvisorDocument({ rackbeat: deps.rackbeat, netvisor: deps.netvisor }, { kind, number: Number(number) }, settings, deps.date);
  const base = { label: `${kind} ${number}`, number, date: listedDate };
  if (plan.step === 'send') {
    const { doc } = plan;
    const what = doc.creditNote ? `credit note (a sales invoice with negative quantities and amount); ${creditNoteUnmatched(doc.number)}` : `sales ${kind}`;
    return {
      ...base,
      label: documentLabel(doc),
      date: doc.date,
      verdict: 'new',
      detail: `new: rackbridge would send a Netvisor ${what}`,
      document: [`  POST sales ${kind}${doc.creditNote ? ', credit note' : ''} (Netvisor XML):`, ...salesDocumentXml(plan.body, kind).split('\n').map((l) => `    ${l}`)],
    };
  }
  const { outcome } = plan;
  switch (outcome.result) {
    case 'done':
      return { ...base, verdict: 'transferred', detail: `already transferred: ${outcome.did}` };
    case 'held':
      return { ...base, verdict: 'held', heldCode: outcome.hold.code, detail: outcome.hold.message };
    case 'waiting':
      return { ...base, verdict: 'waiting', detail: `${outcome.did}: nothing is sent until it is` };
    default:
      return { ...base, verdict: 'cancelled', detail: `${outcome.did}: nothing would be sent` };
  }
}
