import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from './activities';
import { TASK_QUEUE } from './webhooks/dispatch';

/** Written by `npm run build` (scripts/bundle-workflows.ts); used in production so start-up skips webpack. */
export const WORKFLOW_BUNDLE_PATH = resolve(__dirname, '..', 'lib', 'workflow-bundle.js');
export const WORKFLOWS_PATH = require.resolve('./workflows');

export interface CreateWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  deps: ActivityDeps;
  taskQueue?: string;
  /** Use the prebuilt bundle (production) instead of bundling the sources at start. */
  prebuilt?: boolean;
  /** The codec (rackbridgeDataConverter) activities, workflows and queries encode with. */
  dataConverter?: DataConverter;
  /** Extra worker options (tests tune concurrency). */
  tuning?: Partial<WorkerOptions>;
}

export async function createWorker(options: CreateWorkerOptions): Promise<Worker> {
  const workflowSource: Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> = options.prebuilt
    ? { workflowBundle: { codePath: requireBundle() } }
    : { workflowsPath: WORKFLOWS_PATH };
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? TASK_QUEUE,
    activities: createActivities(options.deps),
    ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
    ...workflowSource,
    ...options.tuning,
  });
}

function requireBundle(): string {
  if (!existsSync(WORKFLOW_BUNDLE_PATH)) {
    throw new Error(`no prebuilt workflow bundle at ${WORKFLOW_BUNDLE_PATH}: run 'npm run build' first (or unset NODE_ENV=production)`);
  }
  return WORKFLOW_BUNDLE_PATH;
}
