import { patched } from '@temporalio/workflow';
import { type Generational, PATCH_GENERATION, type PatchId } from './generation';

/** `patched(id)`, answered without a marker for a transfer whose generation already has the change. */
export function hasPatch(input: Generational, id: PatchId): boolean {
  if ((input.generation ?? 0) >= PATCH_GENERATION[id]) return true;
  return patched(id);
}
