import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EconomicSimulatorSettings } from '../../src/sandbox/economic';

/** e-conomic's published schemas in the shared fixtures checked out next to the repo (`../shared/fixtures`). */
export const ECONOMIC_SCHEMAS_DIR = join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'economic', 'schemas');

export const economicSchemasAvailable = existsSync(ECONOMIC_SCHEMAS_DIR);

/**
 * Sandbox settings that turn on the e-conomic simulator's contract mode when the schemas are
 * there, so every test that writes to e-conomic is also a contract test; without them, none.
 */
export function economicContractSettings(): EconomicSimulatorSettings {
  return economicSchemasAvailable ? { contractSchemasDir: ECONOMIC_SCHEMAS_DIR } : {};
}
