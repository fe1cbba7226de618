import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { addWebhookTokenSignal, TOKENS_KEPT_PER_EVENT, type WebhookTokens, type WebhookTokensInput, webhookTokensQuery } from './contract';

/** Continue-as-new well before Temporal's history limits; each signal adds three events at most. */
const MAX_HISTORY_EVENTS = 2_000;

/**
 * Holds one connection's Rackbeat webhook tokens: receivers query them (and cache), registrars
 * signal new ones. It never completes; tokens survive continue-as-new. No IO, no activities.
 */
export async function rackbeatWebhookTokens(input: WebhookTokensInput): Promise<never> {
  const tokens: WebhookTokens = { ...input.tokens };
  setHandler(addWebhookTokenSignal, ({ event, token }) => {
    const kept = (tokens[event] ?? []).filter((t) => t !== token);
    kept.push(token);
    tokens[event] = kept.slice(-TOKENS_KEPT_PER_EVENT);
  });
  setHandler(webhookTokensQuery, () => tokens);
  await condition(() => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > MAX_HISTORY_EVENTS);
  await condition(allHandlersFinished);
  return continueAsNew<typeof rackbeatWebhookTokens>({ connectionId: input.connectionId, tokens });
}
