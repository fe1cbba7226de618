#!/usr/bin/env node
import { Command } from 'commander';
import { registerOperatorCommands } from './client';
import { runRole } from './roles/run';
import { runSandbox } from './sandbox/serve';

/**
 * `rackbridge` — the one entry point (package.json `bin`, the Docker image's command):
 *   start      everything in one process (as `npm start`): dev server unless TEMPORAL_ADDRESS, worker, webhook receiver, sandbox without CONNECTIONS_FILE
 *   worker     a worker only (scale it out: any number per namespace)
 *   webhooks   a webhook receiver only (any number, behind one load balancer at PUBLIC_URL)
 *   sandbox    the simulators only
 * plus the operator commands (transfers, demo, doctor, histories, import). Settings come from the
 * environment (README, "Configuration").
 */
export function buildProgram(): Command {
  const program = new Command('rackbridge').description('Durable integration engine on Temporal: run a role, or operate transfers.');
  program
    .command('start', { isDefault: true })
    .description('everything in one process: Temporal dev server (unless TEMPORAL_ADDRESS), worker, webhook receiver, and the sandbox without CONNECTIONS_FILE')
    .action(() => runRole('start'));
  program
    .command('worker')
    .description('a worker only, against TEMPORAL_ADDRESS; run as many as the load needs')
    .action(() => runRole('worker'));
  program
    .command('webhooks')
    .description('a webhook receiver only, against TEMPORAL_ADDRESS; run several behind one load balancer (PUBLIC_URL)')
    .action(() => runRole('webhooks'));
  program
    .command('sandbox')
    .description('the simulators of every system on SANDBOX_PORT (default 4000)')
    .action(() => runSandbox());
  return registerOperatorCommands(program);
}

if (require.main === module) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
