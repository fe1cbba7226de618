import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { type WorkflowBundleWithSourceMap, bundleWorkflowCode, Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { rackbridgeDataConverter } from '../../src/temporal/codec/data-converter';
import { parseCodecKeys } from '../../src/temporal/codec/keys';
import { WORKFLOWS_PATH } from '../../src/worker';

const HISTORIES = join(__dirname, '..', 'histories');
const WORKFLOW_SOURCE = join(__dirname, '..', '..', 'src', 'workflows', 'order', 'workflow.ts');

interface SavedHistory {
  workflowId: string;
  history: unknown;
}

function savedHistories(): { name: string; saved: SavedHistory }[] {
  return readdirSync(HISTORIES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f.replace(/\.json$/, ''), saved: JSON.parse(readFileSync(join(HISTORIES, f), 'utf8')) as SavedHistory }));
}

describe('replay of recorded lifecycle histories (test/histories, npm run histories:record)', () => {
  let bundle: WorkflowBundleWithSourceMap;
  before(async () => {
    bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } });
  });

  test('there are recorded histories to replay', () => {
    assert.ok(savedHistories().length >= 7, 'record them with npm run histories:record');
  });

  for (const { name, saved } of savedHistories()) {
    test(`the current workflow code replays "${name}" without nondeterminism`, async () => {
      await Worker.runReplayHistory({ workflowBundle: bundle }, saved.history, saved.workflowId);
    });
  }

  test('a worker with encryption on replays the plain recorded histories too (the codec passes unencrypted payloads through)', async () => {
    const keys = parseCodecKeys(`k1:${Buffer.alloc(32, 7).toString('base64')}`);
    assert.ok(keys.ok);
    const { saved } = savedHistories().find((h) => h.name === 'payment-registered')!;
    await Worker.runReplayHistory({ workflowBundle: bundle, dataConverter: rackbridgeDataConverter(keys.ring) }, saved.history, saved.workflowId);
  });

  test('swapping two steps of the workflow (check the order, register the payment) makes the replay fail', async () => {
    const source = readFileSync(WORKFLOW_SOURCE, 'utf8');
    const check = 'steps.checkBooked(ctx, settings, booked)';
    const pay = 'steps.registerPayment(ctx, settings, booked.bookedInvoiceNumber)';
    assert.ok(source.includes(check) && source.includes(pay), 'the two steps are where this test expects them');
    const swapped = source.replace(check, '@@CHECK@@').replace(pay, check).replace('@@CHECK@@', pay);
    const variant = join(__dirname, '..', '..', 'src', 'workflows', 'order', 'workflow.reordered.tmp.ts');
    writeFileSync(variant, swapped);
    try {
      const reordered = await bundleWorkflowCode({ workflowsPath: variant, logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } });
      const { saved } = savedHistories().find((h) => h.name === 'payment-registered')!;
      await assert.rejects(Worker.runReplayHistory({ workflowBundle: reordered }, saved.history, saved.workflowId), (err: unknown) => {
        assert.ok(err instanceof DeterminismViolationError, `expected DeterminismViolationError, got ${String(err)}`);
        assert.match(err.message, /checkBooked|registerPayment/);
        return true;
      });
    } finally {
      rmSync(variant, { force: true });
    }
  });
});
