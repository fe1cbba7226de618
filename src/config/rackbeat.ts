import { z } from 'zod';
import { RackbeatClient } from '../connectors/rackbeat';
import { envRef, httpUrl, Secret, type SystemSection } from './common';

/** Rackbeat's own client paces itself to this per token (laravel-rackbeat `config/rackbeat.php` `api_limit`). */
export const DEFAULT_RACKBEAT_REQUESTS_PER_MINUTE = 480;

export const rackbeatSchema = z
  .object({
    baseUrl: httpUrl.default('https://app.rackbeat.com/api'),
    apiTokenEnv: envRef,
    /** Tokens of webhooks registered by hand in Rackbeat (comma-separated in the variable). */
    webhookTokenEnv: envRef.optional(),
    /** Register rackbridge's webhooks in Rackbeat at start-up. @default true */
    registerWebhooks: z.boolean().default(true),
    consumerName: z.string().min(1).default('rackbridge'),
    consumerContact: z.string().min(1).default('operator@example.com'),
    /** Rackbeat requests per minute for this token, across every activity of a worker process (Rackbeat's own client: 480). @default 480 */
    requestsPerMinute: z.number().int().positive().default(DEFAULT_RACKBEAT_REQUESTS_PER_MINUTE),
    /** How often the poller lists changed orders, invoices, customers and products; 0 turns it off. @default 120 */
    pollIntervalSeconds: z.number().int().nonnegative().default(120),
  })
  .strict();

export interface RackbeatConnection {
  baseUrl: string;
  apiToken: Secret;
  webhookTokens: Secret[];
  registerWebhooks: boolean;
  consumerName: string;
  consumerContact: string;
  /** Pacing of this token's requests; unset (hand-built connections) means not paced. */
  requestsPerMinute?: number | undefined;
  /** The poller's interval; unset or 0: no poller (webhooks only). */
  pollIntervalMs?: number | undefined;
}

export const RACKBEAT_SECTION: SystemSection<typeof rackbeatSchema, RackbeatConnection> = {
  schema: rackbeatSchema,
  build: (c, secret, at) => ({
    baseUrl: c.baseUrl,
    apiToken: secret(c.apiTokenEnv, `${at}.rackbeat.apiTokenEnv`),
    webhookTokens: c.webhookTokenEnv
      ? secret(c.webhookTokenEnv, `${at}.rackbeat.webhookTokenEnv`)
          .reveal()
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean)
          .map((t) => new Secret(t))
      : [],
    registerWebhooks: c.registerWebhooks,
    consumerName: c.consumerName,
    consumerContact: c.consumerContact,
    requestsPerMinute: c.requestsPerMinute,
    pollIntervalMs: c.pollIntervalSeconds * 1000,
  }),
  examples: {
    rackbeat: 'rackbeat: { apiTokenEnv: RACKBEAT_API_TOKEN }',
    apiTokenEnv: 'apiTokenEnv: RACKBEAT_API_TOKEN',
    webhookTokenEnv: 'webhookTokenEnv: RACKBEAT_WEBHOOK_TOKEN',
  },
  secretKeys: { apiToken: 'apiTokenEnv', token: 'apiTokenEnv', webhookToken: 'webhookTokenEnv' },
};

export function rackbeatClient(c: RackbeatConnection): RackbeatClient {
  return new RackbeatClient({ baseUrl: c.baseUrl, apiToken: c.apiToken.reveal(), consumerName: c.consumerName, consumerContact: c.consumerContact, requestsPerMinute: c.requestsPerMinute });
}
