import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { ORDER_SCENARIOS } from '../test/scenarios/order-scenarios';
import { startLifecycleHarness } from '../test/helpers/lifecycle';

/**
 * `npm run histories:record`: runs every lifecycle scenario against a fresh dev server and the
 * simulators and saves each history to test/histories/<name>.json for the replay test.
 */
async function main(): Promise<void> {
  const out = join(__dirname, '..', 'test', 'histories');
  mkdirSync(out, { recursive: true });
  const h = await startLifecycleHarness(ORDER_SCENARIOS.map((s) => ({ id: `s-${ORDER_SCENARIOS.indexOf(s)}`, settings: s.settings })));
  try {
    for (const [i, scenario] of ORDER_SCENARIOS.entries()) {
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
