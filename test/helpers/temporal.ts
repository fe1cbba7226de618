import { createServer } from 'node:net';
import { type DevServer, type DevServerOptions, startDevServer } from '../../src/temporal/dev-server';

/** A real Temporal dev server for one test file (in-memory unless a db file is given). */
export async function startTestTemporal(options: DevServerOptions = {}): Promise<DevServer> {
  return startDevServer({ logLevel: 'error', ...options });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls until `check` returns a value (not undefined) or the time runs out. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string | (() => string | Promise<string>), timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${typeof what === 'string' ? what : await what()}${lastError instanceof Error ? `: ${lastError.message}` : ''}`);
}
