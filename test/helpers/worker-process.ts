import { NativeConnection } from '@temporalio/worker';
import { ClientRegistry } from '../../src/activities/clients';
import type { NetvisorSettings, OrderSettings } from '../../src/config';
import type { WebshopSettingsInput } from '../../src/domain/webshop';
import { createWorker } from '../../src/worker';
import { sandboxConnection } from './lifecycle';
import { netvisorConnection } from './netvisor-connection';
import type { WorkerSlots } from './spawn-worker';
import { webshopConnection } from './webshop-connection';

/**
 * A worker in its own process, so a test can kill it with SIGKILL mid-flight.
 * Env: TEMPORAL_ADDRESS, WORKER_CONNECTIONS = JSON [{ id, sandboxUrl, settings, webshop? }] (webshop / netvisor: add those sandbox systems with these settings),
 * WORKER_SLOTS = JSON { maxConcurrentActivityTaskExecutions?, maxConcurrentWorkflowTaskExecutions? } (optional; the SDK's defaults without it).
 */
async function main(): Promise<void> {
  const specs = JSON.parse(process.env.WORKER_CONNECTIONS ?? '[]') as { id: string; sandboxUrl: string; settings: Partial<OrderSettings>; webshop?: WebshopSettingsInput; netvisor?: Partial<NetvisorSettings> }[];
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS ?? 'localhost:7233' });
  const clients = new ClientRegistry(
    specs.map((s) => {
      const base = sandboxConnection(s.id, s.sandboxUrl, s.settings);
      if (s.webshop) return webshopConnection(s.webshop)(base, s.sandboxUrl);
      return s.netvisor ? netvisorConnection(s.netvisor)(base, s.sandboxUrl) : base;
    }),
  );
  const slots = process.env.WORKER_SLOTS ? (JSON.parse(process.env.WORKER_SLOTS) as WorkerSlots) : undefined;
  const worker = await createWorker({ connection, namespace: 'default', deps: { clients }, ...(slots ? { tuning: slots } : {}) });
  const run = worker.run();
  process.stdout.write('worker ready\n');
  await run;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
