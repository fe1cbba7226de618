import { accessSync, constants } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

export type CliSource = 'env' | 'path' | 'project' | 'sdk-download';

export interface ResolvedCli {
  /** Absolute path of the binary, or undefined when the SDK is to download it. */
  path: string | undefined;
  source: CliSource;
}

export interface ResolveOptions {
  env?: NodeJS.ProcessEnv;
  /** Where the project-local install lives. @default `<project>/.temporal` */
  projectDir?: string;
}

const PROJECT_ROOT = resolve(__dirname, '..', '..');

/**
 * Finds a Temporal binary in the documented order: environment variable → PATH → the
 * project-local install under `.temporal/` (scripts/install-temporal.sh) → the SDK's own
 * cached download (needs internet to temporal.download).
 */
export function resolveBinary(kind: 'cli' | 'test-server', options: ResolveOptions = {}): ResolvedCli {
  const env = options.env ?? process.env;
  const envVar = kind === 'cli' ? 'TEMPORAL_CLI_PATH' : 'TEMPORAL_TEST_SERVER_PATH';
  const name = kind === 'cli' ? 'temporal' : 'temporal-test-server';
  const fromEnv = env[envVar];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`${envVar} points at ${fromEnv}, which is not an executable file`);
    return { path: resolve(fromEnv), source: 'env' };
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return { path: join(dir, name), source: 'path' };
  }
  const projectDir = options.projectDir ?? join(PROJECT_ROOT, '.temporal');
  for (const candidate of [join(projectDir, 'venv', 'bin', name), join(projectDir, 'bin', name)]) {
    if (isExecutable(candidate)) return { path: candidate, source: 'project' };
  }
  return { path: undefined, source: 'sdk-download' };
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
