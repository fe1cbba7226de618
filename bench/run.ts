import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** `npm run bench`: runs every benchmark in turn; each prints its table and writes bench/results/*.json. */
const BENCHES = ['webhook-ingest.ts', 'order-lifecycle.ts', 'stock.ts', 'stock-latency.ts'];

for (const bench of BENCHES) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, bench)], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
