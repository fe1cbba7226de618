import { DefaultLogger, type LogLevel, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import type { Logger } from 'pino';

/** Routes the Temporal worker's logs (SDK and Rust core) into our pino logger. Call once, before any worker. */
export function installTemporalRuntime(logger: Logger): void {
  const level = (logger.levelVal <= 20 ? 'DEBUG' : logger.levelVal <= 30 ? 'INFO' : 'WARN') satisfies LogLevel;
  Runtime.install({
    logger: new DefaultLogger(level, (entry) => {
      const meta = { ...entry.meta, component: 'temporal' };
      const method = entry.level.toLowerCase() as 'trace' | 'debug' | 'info' | 'warn' | 'error';
      logger[method === 'trace' ? 'trace' : method](meta, entry.message);
    }),
    telemetryOptions: { logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'WARN', other: 'ERROR' }) } },
    // main.ts shuts down in its own order (worker, then servers, then the dev server).
    shutdownSignals: [],
  });
}
