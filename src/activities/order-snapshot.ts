import type { RackbeatOrder } from '../connectors/rackbeat';
import { documentRevision } from '../domain/economic';
import type { OrderSnapshot } from '../domain/order';
import { webshopRefFromHeading } from '../domain/webshop/source-ref';

/** The Rackbeat order's flags and revision, as the lifecycle's decisions read them. */
export function snapshotOf(order: RackbeatOrder): OrderSnapshot {
  const flags = { booked: order.is_booked, shipped: order.is_shipped, cancelled: order.is_cancelled };
  const set = Object.entries(flags).filter(([, v]) => v).map(([k]) => k);
  const webshop = webshopRefFromHeading(order.heading);
  return { ...flags, revision: documentRevision(order), summary: set.length ? set.join(', ') : 'not booked', ...(webshop ? { webshop } : {}), ...(order.updated_at ? { updatedAt: order.updated_at } : {}) };
}
