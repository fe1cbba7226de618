import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { resolveBinary } from './cli-path';
import { SEARCH_ATTRIBUTES } from '../workflows/common/search-attributes';

export interface DevServerOptions {
  /** gRPC port; random when omitted. */
  port?: number;
  /** Web UI port; no UI when omitted. */
  uiPort?: number;
  /** SQLite file for persistence across restarts; in-memory when omitted. */
  dbFilename?: string;
  namespace?: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Codec server the Web UI decodes payloads with (`--ui-codec-endpoint`). */
  uiCodecEndpoint?: string;
}

export interface DevServer {
  env: TestWorkflowEnvironment;
  address: string;
  namespace: string;
  uiUrl: string | undefined;
  stop(): Promise<void>;
}

/**
 * Starts a real Temporal dev server (`temporal server start-dev`) with rackbridge's search
 * attributes registered. The binary is resolved as cli-path.ts describes.
 */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const cli = resolveBinary('cli');
  const extraArgs = ['--dynamic-config-value', 'system.forceSearchAttributesCacheRefreshOnRead=true'];
  if (options.uiCodecEndpoint) extraArgs.push('--ui-codec-endpoint', options.uiCodecEndpoint);
  if (options.dbFilename) {
    mkdirSync(dirname(options.dbFilename), { recursive: true });
    // WAL keeps the single SQLite connection from becoming the bottleneck (sdk-typescript CI does the same).
    extraArgs.push('--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=NORMAL');
  }
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: cli.path ? { type: 'existing-path', path: cli.path } : { type: 'cached-download' },
      ip: '127.0.0.1',
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.uiPort === undefined ? {} : { ui: true, uiPort: options.uiPort }),
      ...(options.dbFilename === undefined ? {} : { dbFilename: options.dbFilename }),
      namespace: options.namespace ?? 'default',
      searchAttributes: [...SEARCH_ATTRIBUTES],
      log: { format: 'pretty', level: options.logLevel ?? 'error' },
      extraArgs,
    },
  });
  const address = env.address;
  return {
    env,
    address,
    namespace: env.namespace ?? 'default',
    uiUrl: options.uiPort === undefined ? undefined : `http://127.0.0.1:${options.uiPort}`,
    stop: () => env.teardown(),
  };
}
