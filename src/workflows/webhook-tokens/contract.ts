import { defineQuery, defineSignal } from '@temporalio/workflow';

/*
 * Where a connection's Rackbeat webhook tokens live: one long-running workflow per connection,
 * `rackbeat-webhook-tokens:{conn}`, so every webhook receiver reads the same tokens and none keeps
 * them in a process-local file (issue 11). Rackbeat returns a token only when a webhook is created.
 */

export const WEBHOOK_TOKENS_WORKFLOW_TYPE = 'rackbeatWebhookTokens';
export const WEBHOOK_TOKENS_FLOW = 'rackbeat-webhook-tokens';

/**
 * Tokens kept per event. Several processes registering at once may each recreate the webhook, and
 * the last creation's token is the live one; keeping the last few keeps it whichever order the
 * signals arrive in, and an old token of the same connection is no weaker than the live one.
 */
export const TOKENS_KEPT_PER_EVENT = 4;

export function webhookTokensWorkflowId(connectionId: string): string {
  return `${WEBHOOK_TOKENS_FLOW}:${connectionId}`;
}

/** event name → tokens, newest last. */
export type WebhookTokens = Record<string, string[]>;

export interface WebhookTokensInput {
  connectionId: string;
  /** Carried over by continue-as-new. */
  tokens?: WebhookTokens;
}

export interface AddWebhookToken {
  event: string;
  token: string;
}

export const addWebhookTokenSignal = defineSignal<[AddWebhookToken]>('addWebhookToken');
export const webhookTokensQuery = defineQuery<WebhookTokens>('webhookTokens');
