import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const MAIN = join(__dirname, '..', '..', 'src', 'main.ts');

export interface RoleProcess {
  role: 'worker' | 'webhooks';
  child: ChildProcess;
  /** What it printed (pino JSON lines), for a failing test's message. */
  output: () => string;
}

/** Starts `rackbridge <role>` (src/main.ts) as its own process; resolves once it logged `<role> ready`. */
export function spawnRole(role: 'worker' | 'webhooks', env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<RoleProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, role], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const proc: RoleProcess = { role, child, output: () => out.slice(-4_000) };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`rackbridge ${role} not ready in ${timeoutMs} ms:\n${out.slice(-2_000)}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      if (out.length > 200_000) out = out.slice(-100_000);
      if (out.includes(`"msg":"${role} ready"`)) {
        clearTimeout(timer);
        resolve(proc);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`rackbridge ${role} exited (${code ?? signal}) before it was ready:\n${out.slice(-2_000)}`));
    });
  });
}

export async function killRole(proc: RoleProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  const { child } = proc;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}
