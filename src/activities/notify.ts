import { activityInfo, heartbeat, log } from '@temporalio/activity';
import axios from 'axios';
import { heldMail, workflowLink } from '../domain/notify/mails';
import type { ClientRegistry } from './clients';
import { Mailer } from './mailer';
import type { Hold } from './order-types';

/** Who is held: the order lifecycle passes its order number, other transfers their source reference. */
export type HeldContext = { connectionId: string; workflowId: string } & ({ orderNumber: string } | { source: string });

/** The JSON body POSTed to a connection's `notify.url` when a transfer is held. */
export interface HeldNotification {
  type: 'transfer.held';
  workflowId: string;
  connectionId: string;
  source: string;
  code: string;
  message: string;
}

export function createNotifyActivities(clients: ClientRegistry, mailer = new Mailer()) {
  return {
    /**
     * A structured log line always; an e-mail when the connection has e-mail settings; a POST to
     * its notify URL when one is set. The workflow calls this once per held reason; a retry after
     * the mail went out (the POST failed) does not send it again.
     */
    async notifyHeld(ctx: HeldContext, hold: Hold): Promise<void> {
      const body: HeldNotification = {
        type: 'transfer.held',
        workflowId: ctx.workflowId,
        connectionId: ctx.connectionId,
        source: 'source' in ctx ? ctx.source : `rackbeat:order:${ctx.orderNumber}`,
        code: hold.code,
        message: hold.message,
      };
      log.warn('transfer held', { ...body });
      const { connection } = clients.get(ctx.connectionId);
      const info = activityInfo();
      const mailed = (info.heartbeatDetails as { mailed?: boolean } | undefined)?.mailed === true;
      if (connection.email && !mailed) {
        const link = workflowLink(connection.email.webUiUrl, info.workflowNamespace ?? 'default', ctx.workflowId);
        const mail = heldMail({ connectionId: ctx.connectionId, workflowId: ctx.workflowId, source: body.source, code: hold.code, message: hold.message, link });
        await mailer.send(ctx.connectionId, connection.email, mail, { 'X-Rackbridge-Workflow': ctx.workflowId, 'X-Rackbridge-Held': hold.code });
        heartbeat({ mailed: true });
      }
      const url = connection.notify.url;
      if (!url) return;
      const response = await axios.post(url, body, { timeout: 10_000, validateStatus: () => true });
      if (response.status < 200 || response.status >= 300) throw new Error(`notify URL answered HTTP ${response.status}`);
    },
  };
}
