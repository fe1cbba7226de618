import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { existsSync } from 'node:fs';
import { ORDER_SCENARIOS } from '../test/scenarios/order-scenarios';
import { TRANSFER_SCENARIOS } from '../test/scenarios/transfer-scenarios';
import { startLifecycleHarness } from '../test/helpers/lifecycle';

/**
 * `npm run histories:record`: runs the scenarios against a fresh dev server and the simulators and
 * saves each history to test/histories/<name>.json for the replay test. Existing files are kept
 * (they stand for workflows already running in production); `--force` records them again.
 */
async function main(): Promise<void> {
  const out = join(__dirname, '..', 'test', 'histories');
  mkdirSync(out, { recursive: true });
  const force = process.argv.includes('--force');
  const scenarios = [...ORDER_SCENARIOS, ...TRANSFER_SCENARIOS].filter((s) => force || !existsSync(join(out, `${s.name}.json`)));
  if (scenarios.length === 0) {
    console.log('every scenario has a recorded history (use --force to record them again)');
    return;
  }
  const h = await startLifecycleHarness(scenarios.map((s, i) => ({ id: `s-${i}`, settings: s.settings, ...(s.customise ? { customise: s.customise } : {}) })));
  try {
    for (const [i, scenario] of scenarios.entries()) {
      const workflowId = await scenario.run(h, `s-${i}`);
      const history = await h.temporal.env.client.workflow.getHandle(workflowId).fetchHistory();
      const file = join(out, `${scenario.name}.json`);
      writeFileSync(file, `${JSON.stringify({ workflowId, history: JSON.parse(historyToJSON(history)) as unknown }, null, 1)}\n`);
      console.log(`${scenario.name.padEnd(36)} ${history.events?.length ?? 0} events → ${file}`);
    }
  } finally {
    await h.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
