import { NativeConnection } from '@temporalio/worker';
import { ClientRegistry } from '../../src/activities/clients';
import type { OrderSettings } from '../../src/config';
import { createWorker } from '../../src/worker';
import { sandboxConnection } from './lifecycle';

/**
 * A worker in its own process, so a test can kill it with SIGKILL mid-flight.
 * Env: TEMPORAL_ADDRESS, WORKER_CONNECTIONS = JSON [{ id, sandboxUrl, settings }].
 */
async function main(): Promise<void> {
  const specs = JSON.parse(process.env.WORKER_CONNECTIONS ?? '[]') as { id: string; sandboxUrl: string; settings: Partial<OrderSettings> }[];
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS ?? 'localhost:7233' });
  const clients = new ClientRegistry(specs.map((s) => sandboxConnection(s.id, s.sandboxUrl, s.settings)));
  const worker = await createWorker({ connection, namespace: 'default', deps: { clients } });
  const run = worker.run();
  process.stdout.write('worker ready\n');
  await run;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
