/**
 * What sending `desired` would change in `existing`: one line per leaf value that differs, for the
 * keys rackbridge sends (fields e-conomic adds itself — line numbers, totals, self links — are not
 * compared). Arrays are compared by position. Pure.
 */
export function documentChanges(existing: unknown, desired: unknown, path = ''): string[] {
  if (Array.isArray(desired)) {
    const current = Array.isArray(existing) ? existing : [];
    const changes: string[] = [];
    const length = Math.max(desired.length, current.length);
    for (let i = 0; i < length; i++) {
      const at = `${path}[${i}]`;
      if (i >= desired.length) changes.push(`${at}: removed (${JSON.stringify(current[i])})`);
      else if (i >= current.length) changes.push(`${at}: added ${JSON.stringify(desired[i])}`);
      else changes.push(...documentChanges(current[i], desired[i], at));
    }
    return changes;
  }
  if (desired !== null && typeof desired === 'object') {
    const current = existing !== null && typeof existing === 'object' ? (existing as Record<string, unknown>) : {};
    return Object.entries(desired as Record<string, unknown>).flatMap(([key, value]) => documentChanges(current[key], value, path ? `${path}.${key}` : key));
  }
  if (existing === desired) return [];
  if (typeof existing === 'number' && typeof desired === 'number' && Math.abs(existing - desired) < 0.005) return [];
  return [`${path}: ${existing === undefined ? '(none)' : JSON.stringify(existing)} → ${JSON.stringify(desired)}`];
}
