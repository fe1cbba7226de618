import { type Connection, DEFAULT_ORDER_SETTINGS } from '../../src/config';
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
    economic: undefined,
    netvisor: undefined,
    orders: DEFAULT_ORDER_SETTINGS,
    notify: { url: undefined },
  };
}
