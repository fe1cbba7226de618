import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { WorkerOptions } from '@temporalio/worker';
import type { NetvisorSettings, OrderSettings } from '../../src/config';
import type { WebshopSettingsInput } from '../../src/domain/webshop';

export interface WorkerConnectionSpec {
  id: string;
  sandboxUrl: string;
  settings: Partial<OrderSettings>;
  webshop?: WebshopSettingsInput;
  netvisor?: Partial<NetvisorSettings>;
}

/** The slot limits a spawned worker may be given (the bench bounds each worker's concurrency). */
export type WorkerSlots = Pick<WorkerOptions, 'maxConcurrentActivityTaskExecutions' | 'maxConcurrentWorkflowTaskExecutions'>;

/** Starts test/helpers/worker-process.ts for these connections; resolves once it polls, so a test can SIGKILL it. */
export function spawnWorker(temporalAddress: string, connections: WorkerConnectionSpec[], slots?: WorkerSlots): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'worker-process.ts')], {
    env: { ...process.env, TEMPORAL_ADDRESS: temporalAddress, WORKER_CONNECTIONS: JSON.stringify(connections), ...(slots ? { WORKER_SLOTS: JSON.stringify(slots) } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A pipe nobody reads fills up and then blocks the worker's next log write (pipes are synchronous
  // on Linux): the worker would stop mid-test. Its stderr is read and dropped.
  child.stderr?.resume();
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('worker ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker process exited with ${code}`)));
  });
}

/** SIGKILL: no shutdown, no completion of what is in flight. */
export async function killWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
