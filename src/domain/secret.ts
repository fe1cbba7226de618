import { inspect } from 'node:util';

const REDACTED = '[redacted]';

/**
 * A credential that cannot leak by accident: JSON, string conversion and util.inspect all show
 * `[redacted]`. Only `reveal()` gives the value, at the one place it is sent upstream.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toJSON(): string {
    return REDACTED;
  }

  toString(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
