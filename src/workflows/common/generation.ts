/**
 * The code generation a transfer was started by. Every `patched()` call of a run that is not
 * replaying records a marker and upserts `TemporalChangeVersion`: a billed action per patch per
 * run (two of the eight an order cost). A transfer started by this rackbridge carries its
 * generation in its input and takes every change of that generation or older without asking;
 * transfers started before (no generation) and the recorded histories ask `patched()` as before.
 *
 * A new change that must be patched gets the next generation here; TRANSFER_GENERATION follows it
 * once workers of that code run everywhere (workers are deployed before the processes that start
 * transfers, as for any workflow change).
 */
export const PATCH_GENERATION = {
  'pause-gate': 1,
  'settled-search-attributes': 1,
  'payment-from-webshop': 1,
  'refund-credit-notes': 1,
} as const;

export type PatchId = keyof typeof PATCH_GENERATION;

/** What transferTarget stamps on every transfer it starts. */
export const TRANSFER_GENERATION = 1;

/** A transfer input that may name its generation (absent: started before generations existed). */
export interface Generational {
  generation?: number;
}
