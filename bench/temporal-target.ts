import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { DevServer } from '../src/temporal/dev-server';

export interface BenchTemporal {
  kind: 'dev' | 'cluster';
  address: string;
  client: Client;
  stop(): Promise<void>;
}

/**
 * Where a benchmark runs: the dev server it starts (default), the cluster of scripts/cluster.sh
 * (BENCH_TEMPORAL=cluster: brought up if it is not, left running), or any frontend
 * (BENCH_TEMPORAL=host:port). TEMPORAL_NAMESPACE picks the namespace (default `default`).
 */
export async function benchTemporal(startDev: () => Promise<DevServer>): Promise<BenchTemporal> {
  const target = process.env.BENCH_TEMPORAL;
  if (!target) {
    const dev = await startDev();
    return { kind: 'dev', address: dev.address, client: dev.env.client, stop: () => dev.stop() };
  }
  let address = target;
  if (target === 'cluster') {
    const out = execFileSync('bash', [join(__dirname, '..', 'scripts', 'cluster.sh'), 'up'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    address = /TEMPORAL_ADDRESS=(\S+)/.exec(out)?.[1] ?? '';
    if (!address) throw new Error(`scripts/cluster.sh up printed no address:\n${out}`);
  }
  const connection = await Connection.connect({ address });
  return { kind: 'cluster', address, client: new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE || 'default' }), stop: () => connection.close() };
}
