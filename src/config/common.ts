import { z } from 'zod';
import { Secret } from '../domain/secret';

/* What every system's section of the connections file shares: references to environment variables and URLs. */

const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

export const envRef = z.string().regex(ENV_NAME, 'must be the NAME of an environment variable (upper case, digits, _), not the secret itself');
export const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

export const numberMap = z.record(z.string().regex(/^\d+$/, 'keys must be Rackbeat numbers'), z.number().int().positive());

/** Reads the named environment variable as a secret; a missing one is recorded as a problem at `path`. */
export type SecretReader = (name: string, path: string) => Secret;

/**
 * One system's section of a connection: its schema, how the parsed section becomes the runtime
 * settings (secrets read from the environment), examples for error messages, and the keys people
 * write when they put a secret in the file instead of naming a variable.
 */
export interface SystemSection<S extends z.ZodType, C> {
  schema: S;
  build(section: z.output<S>, secret: SecretReader, at: string): C;
  examples: Record<string, string>;
  secretKeys: Record<string, string>;
}

export { Secret };
