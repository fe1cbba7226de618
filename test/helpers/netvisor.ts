import { after, before, beforeEach } from 'node:test';
import type { NetvisorClientConfig } from '../../src/connectors/netvisor';
import { NETVISOR_SANDBOX_CREDENTIALS } from '../../src/sandbox/netvisor/credentials';
import { createSandbox } from '../../src/sandbox/server';

/**
 * A sandbox for one Netvisor test file: listening before the tests, reset and re-seeded before
 * each, closed after. Returns a client config for it and a caller for the control API.
 */
export function useNetvisorSandbox() {
  const sandbox = createSandbox();
  let baseUrl = '';
  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${baseUrl}${path}`, body === undefined ? { method } : { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return res.json();
  };
  before(async () => {
    baseUrl = await sandbox.listen(0);
  });
  after(() => sandbox.close());
  beforeEach(async () => {
    await control('POST', '/_sandbox/reset', { system: 'netvisor' });
    await control('POST', '/_sandbox/seed', { system: 'netvisor' });
  });
  return {
    control,
    config: (overrides: Partial<NetvisorClientConfig> = {}): NetvisorClientConfig => ({ baseUrl: `${baseUrl}/netvisor`, ...NETVISOR_SANDBOX_CREDENTIALS, timeoutMs: 5000, ...overrides }),
  };
}
