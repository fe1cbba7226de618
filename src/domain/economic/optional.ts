/**
 * `{ [key]: value }`, or `{}` when the value is absent: e-conomic refuses `null`, and
 * exactOptionalPropertyTypes forbids writing `undefined` into an optional property.
 */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}
