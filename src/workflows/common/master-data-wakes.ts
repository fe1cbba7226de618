import type { Connection, NetvisorSettings } from '../../config';
import type { EntityEvent } from './entity-messages';
import type { HeldWake } from './transfer-flow';

/**
 * Rackbeat documents wait for their customer, products and BOMs: any of them changing may let a
 * held one through. The entity transfers are woken with the change itself.
 */
export const HELD_DOCUMENT_WAKE: HeldWake<[EntityEvent]> = { on: ['customer', 'product', 'lot'], args: (wake) => [wake] };

/** A connection's Netvisor settings; only called for flows whose `enabledFor` saw Netvisor. */
export function netvisorSettingsOf(connection: Connection): NetvisorSettings {
  const settings = connection.netvisor?.settings;
  if (!settings) throw new Error(`connection ${connection.id} has no Netvisor section`);
  return settings;
}
