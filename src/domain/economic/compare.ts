import type { NumberRef } from '../../connectors/economic/types';

type Comparable = string | number | boolean | undefined;

/**
 * Names of the fields whose two values differ. e-conomic leaves out empty strings, zero amounts
 * and false flags in some answers, so "absent" equals "", 0 and false here: comparing, not mapping.
 */
export function differingFields(pairs: readonly (readonly [field: string, existing: Comparable, desired: Comparable])[]): string[] {
  return pairs.filter(([, existing, desired]) => normalize(existing) !== normalize(desired)).map(([field]) => field);
}

function normalize(value: Comparable): string | number | boolean | undefined {
  return value === '' || value === 0 || value === false ? undefined : value;
}

/** The number in a reference given by number; `undefined` for a `self` link. */
export function refNumber<K extends string>(ref: NumberRef<K> | undefined, key: K): number | undefined {
  if (ref === undefined || !(key in ref)) return undefined;
  return (ref as { [P in K]: number })[key];
}
