import { WEBSHOP_SOURCES, type WebshopSource } from '../domain/webshop/shops';

/** The transfer `transfers preview <workflowId>` previews, read from its workflow id. */
export type PreviewTarget =
  | { flow: 'order'; connectionId: string; number: string }
  | { flow: 'netvisor'; kind: 'invoice' | 'order'; connectionId: string; number: string }
  | { flow: 'webshop-order'; connectionId: string; source: WebshopSource; shopOrderId: string };

const CONNECTION = '([a-z0-9][a-z0-9-]*)';
const ORDER = new RegExp(`^order:${CONNECTION}:(\\d+)$`);
const NETVISOR = new RegExp(`^netvisor-(invoice|order):${CONNECTION}:(\\d+)$`);
/** `webshop-order:{conn}:{shop}-{id}` (workflows/webshop/contract.ts). */
const WEBSHOP_ORDER = new RegExp(`^webshop-order:${CONNECTION}:(${WEBSHOP_SOURCES.join('|')})-(\\d+)$`);

/** Which transfer a workflow id names, for the flows preview supports; `undefined` for others. Pure. */
export function previewTargetOf(workflowId: string): PreviewTarget | undefined {
  const order = ORDER.exec(workflowId);
  if (order) return { flow: 'order', connectionId: order[1]!, number: order[2]! };
  const netvisor = NETVISOR.exec(workflowId);
  if (netvisor) return { flow: 'netvisor', kind: netvisor[1] === 'invoice' ? 'invoice' : 'order', connectionId: netvisor[2]!, number: netvisor[3]! };
  const webshop = WEBSHOP_ORDER.exec(workflowId);
  if (webshop) return { flow: 'webshop-order', connectionId: webshop[1]!, source: webshop[2] as WebshopSource, shopOrderId: webshop[3]! };
  return undefined;
}
