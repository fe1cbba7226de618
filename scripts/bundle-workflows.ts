import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../src/temporal/codec/data-converter';
import { WORKFLOW_BUNDLE_PATH, WORKFLOWS_PATH } from '../src/worker';

/** Prebuilds the workflow bundle for production workers (Temporal's samples/production). */
async function main(): Promise<void> {
  // The failure converter that moves messages into payloads (encrypted when keys are set; plain
  // JSON payloads otherwise, which clients and the Web UI read the same) is compiled in.
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, failureConverterPath: FAILURE_CONVERTER_PATH });
  mkdirSync(dirname(WORKFLOW_BUNDLE_PATH), { recursive: true });
  writeFileSync(WORKFLOW_BUNDLE_PATH, code);
  console.log(`workflow bundle written to ${WORKFLOW_BUNDLE_PATH} (${(code.length / 1024).toFixed(0)} KiB)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
