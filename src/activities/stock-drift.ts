import type { RackbeatClient } from '../connectors/rackbeat';
import { keepsInventory } from './stock-rackbeat';

/** Every Rackbeat product that keeps inventory, with its available quantity (one call per 200 products). */
export async function readAllRackbeatStock(rackbeat: RackbeatClient): Promise<{ available: Map<string, number>; calls: number }> {
  const available = new Map<string, number>();
  let seen = 0;
  for await (const product of rackbeat.iterateProducts()) {
    seen++;
    if (keepsInventory(product)) available.set(product.number, product.available_quantity);
  }
  return { available, calls: Math.max(1, Math.ceil(seen / 200)) };
}
