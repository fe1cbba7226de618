import { activityInfo, getClient } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { digestMail, type DigestTransfer, workflowLink } from '../domain/notify/mails';
import { PAUSABLE_WORKFLOW_TYPES } from '../flows/registry';
import { FlowKey, HeldReasonKey, SourceRefKey, TransferStageKey } from '../workflows/common/search-attributes';
import { entityStatusQuery } from '../workflows/common/entity-messages';
import type { DailyDigestInput, DailyDigestResult } from '../workflows/digest/contract';
import type { ClientRegistry } from './clients';
import { Mailer } from './mailer';

/** One mail lists at most this many transfers; the counts beyond it are not exact and the mail says so. */
const MAX_LISTED = 1_000;
const DAY_MS = 24 * 60 * 60_000;

function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function createDigestActivities(clients: ClientRegistry, temporalClient?: Client, mailer = new Mailer()) {
  return {
    /**
     * Reads the connection's transfers from visibility (done within the window, running ones as
     * they are now), asks each held one for its fix sentence, and mails the digest.
     */
    async sendDigest(input: DailyDigestInput): Promise<DailyDigestResult> {
      const { connection } = clients.get(input.connectionId);
      const email = connection.email;
      if (!email) return { sent: false };
      const client = temporalClient ?? getClient();
      const until = new Date();
      const since = new Date(until.getTime() - (input.windowMs ?? DAY_MS));
      const types = PAUSABLE_WORKFLOW_TYPES.map(quote).join(', ');
      const query = `ConnectionId = ${quote(connection.id)} AND WorkflowType IN (${types}) AND (ExecutionStatus = 'Running' OR CloseTime >= ${quote(since.toISOString())})`;
      const namespace = activityInfo().workflowNamespace ?? client.options.namespace;
      const transfers: DigestTransfer[] = [];
      let truncated = false;
      for await (const wf of client.workflow.list({ query })) {
        if (transfers.length >= MAX_LISTED) {
          truncated = true;
          break;
        }
        const sa = wf.typedSearchAttributes;
        const recorded = sa.get(TransferStageKey) ?? '';
        const running = wf.status.name === 'RUNNING';
        const stage = running ? (recorded === 'HELD' ? 'HELD' : 'WAITING') : recorded === 'DONE' ? 'DONE' : 'CANCELLED';
        const t: DigestTransfer = { workflowId: wf.workflowId, flow: sa.get(FlowKey) ?? '?', source: sa.get(SourceRefKey) ?? wf.workflowId, stage, link: workflowLink(email.webUiUrl, namespace, wf.workflowId) };
        if (stage === 'HELD') {
          t.heldReason = sa.get(HeldReasonKey);
          try {
            const status = await client.workflow.getHandle(wf.workflowId).query(entityStatusQuery);
            t.heldReason = status.heldReason ?? t.heldReason;
            t.heldMessage = status.heldMessage;
          } catch {
            // The reason code alone, when the transfer cannot answer now.
          }
        }
        transfers.push(t);
      }
      const mail = digestMail({ connectionId: connection.id, since: since.toISOString(), until: until.toISOString(), transfers, truncated });
      await mailer.send(connection.id, email, mail, { 'X-Rackbridge-Digest': connection.id });
      return { sent: true, subject: mail.subject };
    },
  };
}
