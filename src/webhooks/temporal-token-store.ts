import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { Secret } from '../domain/secret';
import { ConnectionIdKey, FlowKey } from '../workflows/common/search-attributes';
import { TASK_QUEUE } from '../temporal/start-transfer';
import {
  addWebhookTokenSignal,
  WEBHOOK_TOKENS_FLOW,
  WEBHOOK_TOKENS_WORKFLOW_TYPE,
  type WebhookTokens,
  type WebhookTokensInput,
  webhookTokensQuery,
  webhookTokensWorkflowId,
} from '../workflows/webhook-tokens/contract';
import { TemporalUnavailableError } from './dispatch';
import type { WebhookTokenStore } from './token-store';

export interface TemporalTokenStoreOptions {
  client: Client;
  taskQueue?: string;
  /** A connection's tokens are re-read from Temporal at most this often on misses (a flood of bad tokens must not become a flood of queries). @default 1000 */
  minRefreshIntervalMs?: number;
  /** Deadline of one query or signal. @default 3000 */
  deadlineMs?: number;
}

/**
 * Webhook tokens kept in Temporal, in the `rackbeat-webhook-tokens:{conn}` workflow, so any number
 * of receivers accept a token any one of them registered: a receiver caches the tokens and
 * re-reads them when a delivery carries an unknown one. Tokens travel as payloads, so they are
 * encrypted when RACKBRIDGE_CODEC_KEYS is set (docs/encryption.md).
 *
 * Reading needs a worker to answer the query; when none answers, the delivery is refused with 503
 * (TemporalUnavailableError) and Rackbeat retries, never 401 for a token that may be valid.
 */
export class TemporalTokenStore implements WebhookTokenStore {
  private readonly cache = new Map<string, { tokens: WebhookTokens; at: number }>();
  private readonly inflight = new Map<string, Promise<WebhookTokens>>();
  private readonly taskQueue: string;
  private readonly minRefreshIntervalMs: number;
  private readonly deadlineMs: number;

  constructor(private readonly options: TemporalTokenStoreOptions) {
    this.taskQueue = options.taskQueue ?? TASK_QUEUE;
    this.minRefreshIntervalMs = options.minRefreshIntervalMs ?? 1_000;
    this.deadlineMs = options.deadlineMs ?? 3_000;
  }

  async tokens(connectionId: string): Promise<Secret[]> {
    const cached = this.cache.get(connectionId);
    return toSecrets(cached ? cached.tokens : await this.load(connectionId));
  }

  async refresh(connectionId: string): Promise<Secret[]> {
    const cached = this.cache.get(connectionId);
    if (cached && Date.now() - cached.at < this.minRefreshIntervalMs) return toSecrets(cached.tokens);
    return toSecrets(await this.load(connectionId));
  }

  async has(connectionId: string, event: string): Promise<boolean> {
    const cached = this.cache.get(connectionId)?.tokens[event];
    if (cached?.length) return true;
    return ((await this.load(connectionId))[event]?.length ?? 0) > 0;
  }

  async set(connectionId: string, event: string, token: Secret): Promise<void> {
    const input: WebhookTokensInput = { connectionId };
    await this.options.client.withDeadline(Date.now() + this.deadlineMs, () =>
      this.options.client.workflow.signalWithStart(WEBHOOK_TOKENS_WORKFLOW_TYPE, {
        workflowId: webhookTokensWorkflowId(connectionId),
        taskQueue: this.taskQueue,
        args: [input],
        signal: addWebhookTokenSignal,
        signalArgs: [{ event, token: token.reveal() }],
        staticSummary: `Rackbeat webhook tokens of ${connectionId}`,
        typedSearchAttributes: [
          { key: ConnectionIdKey, value: connectionId },
          { key: FlowKey, value: WEBHOOK_TOKENS_FLOW },
        ],
      }),
    );
    // This process knows its own token at once; others find it on their first miss.
    const entry = this.cache.get(connectionId) ?? { tokens: {}, at: 0 };
    entry.tokens = { ...entry.tokens, [event]: [...(entry.tokens[event] ?? []), token.reveal()] };
    this.cache.set(connectionId, entry);
  }

  /** One query per connection at a time; concurrent misses share it. */
  private load(connectionId: string): Promise<WebhookTokens> {
    const running = this.inflight.get(connectionId);
    if (running) return running;
    const query = this.query(connectionId).finally(() => this.inflight.delete(connectionId));
    this.inflight.set(connectionId, query);
    return query;
  }

  private async query(connectionId: string): Promise<WebhookTokens> {
    let tokens: WebhookTokens;
    try {
      tokens = await this.options.client.withDeadline(Date.now() + this.deadlineMs, () => this.options.client.workflow.getHandle(webhookTokensWorkflowId(connectionId)).query(webhookTokensQuery));
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) {
        throw new TemporalUnavailableError(`cannot read the webhook tokens of ${connectionId}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      tokens = {};
    }
    this.cache.set(connectionId, { tokens, at: Date.now() });
    return tokens;
  }
}

function toSecrets(tokens: WebhookTokens): Secret[] {
  return Object.values(tokens)
    .flat()
    .map((t) => new Secret(t));
}
