import { type Connection, DEFAULT_ORDER_SETTINGS } from '../config';
import { SANDBOX_ECONOMIC_MAPPING } from '../domain/economic';
import { Secret } from '../domain/secret';
import { SANDBOX_CREDENTIALS } from './defaults';

export const DEMO_CONNECTION_ID = 'demo';


/** The connection `npm start` uses when no connections file is given: everything against the sandbox. */
export function demoConnection(sandboxUrl: string): Connection {
  return {
    id: DEMO_CONNECTION_ID,
    rackbeat: {
      baseUrl: `${sandboxUrl}/rackbeat/api`,
      apiToken: new Secret(SANDBOX_CREDENTIALS.rackbeat.apiToken),
      webhookTokens: [],
      registerWebhooks: true,
      consumerName: 'rackbridge sandbox',
      consumerContact: 'sandbox@rackbridge.invalid',
    },
    economic: {
      baseUrl: `${sandboxUrl}/economic`,
      appSecretToken: new Secret(SANDBOX_CREDENTIALS.economic.appSecretToken),
      agreementGrantToken: new Secret(SANDBOX_CREDENTIALS.economic.agreementGrantToken),
      mapping: SANDBOX_ECONOMIC_MAPPING,
    },
    netvisor: undefined,
    orders: DEFAULT_ORDER_SETTINGS,
    notify: { url: undefined },
  };
}
