import { createSandbox } from './server';

/** `rackbridge sandbox` / `npm run sandbox`: serves every simulator on SANDBOX_PORT (default 4000). */
export async function runSandbox(): Promise<void> {
  const port = Number(process.env.SANDBOX_PORT ?? 4000);
  const sandbox = createSandbox({ logger: false });
  const url = await sandbox.listen(port, process.env.SANDBOX_HOST ?? '127.0.0.1');
  for (const sim of sandbox.simulators.values()) console.log(`${sim.system.padEnd(10)} ${url}${sim.prefix}`);
  console.log(`control    ${url}/_sandbox/`);
  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) void runSandbox();
