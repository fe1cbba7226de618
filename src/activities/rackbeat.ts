import type { ClientRegistry } from './clients';
import { translated } from './failure';

export interface RackbeatOrderState {
  number: string;
  isBooked: boolean;
  isShipped: boolean;
  isCancelled: boolean;
  isInvoiced: boolean;
  /** One line for the status: flags that are set. */
  summary: string;
}

export function createRackbeatActivities(clients: ClientRegistry) {
  return {
    /** Re-reads the order: webhook payloads are thin, the order's flags decide what happens. */
    async readRackbeatOrder(connectionId: string, orderNumber: string): Promise<RackbeatOrderState> {
      return translated(async () => {
        const order = await clients.get(connectionId).rackbeat.getOrder(orderNumber);
        const flags = {
          isBooked: order.is_booked === true,
          isShipped: order.is_shipped === true,
          isCancelled: order.is_cancelled === true,
          isInvoiced: order.is_invoiced === true,
        };
        const set = Object.entries(flags)
          .filter(([, v]) => v)
          .map(([k]) => k.replace(/^is/, '').toLowerCase());
        return { number: String(order.number), ...flags, summary: set.length ? set.join(', ') : 'draft' };
      });
    },
  };
}
