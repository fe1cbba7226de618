import type { DataConverter } from '@temporalio/common';
import type { Logger } from 'pino';
import { ConfigError, type Connection, loadConnectionsFile, readRuntimeEnv, type RuntimeEnv } from '../config';
import { createLogger } from '../logger';
import { demoConnection, demoFinlandConnection } from '../sandbox/demo-connection';
import { createSandbox, type Sandbox } from '../sandbox/server';
import { type CodecEnv, readCodecEnv } from '../temporal/codec/codec-env';
import { rackbridgeDataConverter } from '../temporal/codec/data-converter';
import type { CodecKeyRing } from '../temporal/codec/keys';
import { loadOrCreateSandboxKeys } from '../temporal/codec/sandbox-keys';
import { installTemporalRuntime } from '../temporal/logger';

export type Role = 'start' | 'worker' | 'webhooks';

/** Shutdown steps, run last-registered first. */
export class Stops {
  private readonly steps: (() => Promise<void>)[] = [];
  constructor(private readonly logger: Logger) {}
  push(step: () => Promise<void>): void {
    this.steps.push(step);
  }
  async all(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) await step().catch((err: unknown) => this.logger.error({ err }, 'shutdown step failed'));
  }
}

/** What every role reads at start: environment, connections, payload codec. */
export interface RoleContext {
  role: Role;
  runtime: RuntimeEnv;
  codecEnv: CodecEnv;
  logger: Logger;
  stops: Stops;
  connections: Connection[];
  /** `publicUrl` of the connections file, when it sets one. */
  filePublicUrl: string | undefined;
  /** The in-process sandbox (`start` without CONNECTIONS_FILE or SANDBOX_URL). */
  sandbox: Sandbox | undefined;
  /** The sandbox the demo connections point at (in-process or SANDBOX_URL). */
  sandboxUrl: string | undefined;
  codecKeys: CodecKeyRing | undefined;
  dataConverter: DataConverter;
}

/**
 * Connections come from CONNECTIONS_FILE; without one, from a running `rackbridge sandbox` at
 * SANDBOX_URL (the demo connections); only `start` may run its own sandbox in-process, because
 * separate workers and receivers must all talk to the same simulators.
 */
export async function loadRoleContext(role: Role, env: NodeJS.ProcessEnv = process.env): Promise<RoleContext> {
  const runtime = readRuntimeEnv(env);
  const codecEnv = readCodecEnv(env);
  const logger = createLogger(runtime.logLevel).child({ role });
  // Before anything touches Temporal's core runtime (the dev server launcher does).
  installTemporalRuntime(logger);
  const stops = new Stops(logger);

  let connections: Connection[];
  let filePublicUrl: string | undefined;
  let sandbox: Sandbox | undefined;
  let sandboxUrl: string | undefined;
  if (runtime.connectionsFile) {
    const file = loadConnectionsFile(runtime.connectionsFile, env);
    connections = file.connections;
    filePublicUrl = file.publicUrl;
  } else {
    if (runtime.sandboxUrl) {
      sandboxUrl = runtime.sandboxUrl;
    } else if (role === 'start') {
      sandbox = createSandbox();
      await sandbox.listen(runtime.sandboxPort, runtime.host);
      stops.push(() => sandbox!.close());
      sandboxUrl = sandbox.url();
    } else {
      throw new ConfigError('environment', [`rackbridge ${role} needs CONNECTIONS_FILE, or SANDBOX_URL of a running 'rackbridge sandbox' for the demo connections`]);
    }
    connections = [demoConnection(sandboxUrl), demoFinlandConnection(sandboxUrl)];
  }

  // Sandbox mode always encrypts (a key generated once into DATA_DIR), so the Web UI's codec path runs every day.
  const codecKeys = codecEnv.keys ?? (sandboxUrl ? loadOrCreateSandboxKeys(runtime.dataDir) : undefined);
  return { role, runtime, codecEnv, logger, stops, connections, filePublicUrl, sandbox, sandboxUrl, codecKeys, dataConverter: rackbridgeDataConverter(codecKeys) };
}
