import type { Client } from '@temporalio/client';
import type { TransferStatus } from '../workflows/common/transfer-status';

/** What the demo's webshop and refund legs share: the Temporal client, the sandbox, and how to wait and print. */
export interface WebshopDemoContext {
  client: Client;
  connectionId: string;
  sandboxUrl: string;
  link: (workflowId: string) => string;
  settle: (workflowId: string, done: (s: TransferStatus) => boolean) => Promise<TransferStatus>;
  print: (line: string) => void;
}
