import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { ClientRegistry } from '../activities/clients';
import { createWorker } from '../worker';
import type { RoleContext } from './context';

export interface RunningWorker {
  /** Resolves when the worker has stopped (shutdown, or a fatal error). */
  run: Promise<void>;
}

/**
 * A worker polls the one task queue; any number may run against the same namespace, and Temporal
 * hands each task to one of them. It keeps no state of its own: a killed worker's tasks time out
 * and another worker takes them.
 */
export async function startWorkerRole(ctx: RoleContext, address: string): Promise<RunningWorker> {
  const { runtime, stops, dataConverter } = ctx;
  // Activities that start transfers themselves (the webshop reconcile) need a client too.
  const connection = await Connection.connect({ address });
  stops.push(() => connection.close());
  const client = new Client({ connection, namespace: runtime.temporalNamespace, dataConverter });
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await createWorker({
    connection: nativeConnection,
    namespace: runtime.temporalNamespace,
    deps: { clients: new ClientRegistry(ctx.connections), temporalClient: client },
    dataConverter,
    prebuilt: process.env.NODE_ENV === 'production',
  });
  const run = worker.run();
  stops.push(async () => {
    worker.shutdown();
    await run;
    await nativeConnection.close();
  });
  ctx.logger.info({ address, namespace: runtime.temporalNamespace, connections: ctx.connections.map((c) => c.id) }, 'worker ready');
  return { run };
}
