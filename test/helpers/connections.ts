import { type Connection, DEFAULT_ORDER_SETTINGS, DEFAULT_WEBSHOP_SETTINGS } from '../../src/config';
import { SANDBOX_ECONOMIC_MAPPING } from '../../src/domain/economic';
import { Secret } from '../../src/domain/secret';

/** A connection as the config loader would produce it, for tests. */
export function testConnection(id: string, overrides: { rackbeatUrl?: string; rackbeatToken?: string; webhookTokens?: string[]; economicUrl?: string } = {}): Connection {
  return {
    id,
    rackbeat: {
      baseUrl: overrides.rackbeatUrl ?? 'http://127.0.0.1:9/rackbeat/api',
      apiToken: new Secret(overrides.rackbeatToken ?? 'unused'),
      webhookTokens: (overrides.webhookTokens ?? []).map((t) => new Secret(t)),
      registerWebhooks: false,
      consumerName: 'rackbridge tests',
      consumerContact: 'tests@rackbridge.invalid',
    },
    // An e-conomic section: without one no flow handles Rackbeat orders.
    economic: {
      baseUrl: overrides.economicUrl ?? 'http://127.0.0.1:9/economic',
      appSecretToken: new Secret('unused'),
      agreementGrantToken: new Secret('unused'),
      mapping: SANDBOX_ECONOMIC_MAPPING,
    },
    netvisor: undefined,
    orders: DEFAULT_ORDER_SETTINGS,
    webshop: DEFAULT_WEBSHOP_SETTINGS,
    notify: { url: undefined },
  };
}
