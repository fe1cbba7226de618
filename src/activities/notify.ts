import { log } from '@temporalio/activity';
import axios from 'axios';
import type { ClientRegistry } from './clients';
import type { Hold } from './order-types';

/** Who is held: the order lifecycle passes its order number, other transfers their source reference. */
export type HeldContext = { connectionId: string; workflowId: string } & ({ orderNumber: string } | { source: string });

/** The JSON body POSTed to a connection's `notify.url` when a transfer is held. */
export interface HeldNotification {
  type: 'transfer.held';
  workflowId: string;
  connectionId: string;
  source: string;
  code: string;
  message: string;
}

export function createNotifyActivities(clients: ClientRegistry) {
  return {
    /** A structured log line always; a POST to the connection's notify URL when one is set. */
    async notifyHeld(ctx: HeldContext, hold: Hold): Promise<void> {
      const body: HeldNotification = {
        type: 'transfer.held',
        workflowId: ctx.workflowId,
        connectionId: ctx.connectionId,
        source: 'source' in ctx ? ctx.source : `rackbeat:order:${ctx.orderNumber}`,
        code: hold.code,
        message: hold.message,
      };
      log.warn('transfer held', { ...body });
      const url = clients.get(ctx.connectionId).connection.notify.url;
      if (!url) return;
      const response = await axios.post(url, body, { timeout: 10_000, validateStatus: () => true });
      if (response.status < 200 || response.status >= 300) throw new Error(`notify URL answered HTTP ${response.status}`);
    },
  };
}
