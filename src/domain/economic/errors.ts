/**
 * Thrown when a mapper is called on data its preflight would have held: a bug in the caller,
 * never a data problem to retry. Run `preflightOrder` / `preflightCustomer` / `preflightProduct` first.
 */
export class PreflightRequiredError extends Error {
  override readonly name = 'PreflightRequiredError';
}
