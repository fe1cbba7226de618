import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Secret } from '../domain/secret';

/**
 * Rackbeat returns a webhook's token only when the webhook is created, so rackbridge keeps the
 * tokens it was given. Deliveries are accepted when they carry any token known for the connection.
 */
export interface WebhookTokenStore {
  tokens(connectionId: string): Secret[];
  /** Whether a token is known for this connection's webhook of `event`. */
  has(connectionId: string, event: string): boolean;
  set(connectionId: string, event: string, token: Secret): void;
}

type Stored = Record<string, Record<string, string>>;

export class MemoryTokenStore implements WebhookTokenStore {
  protected data: Stored = {};

  tokens(connectionId: string): Secret[] {
    return Object.values(this.data[connectionId] ?? {}).map((t) => new Secret(t));
  }

  has(connectionId: string, event: string): boolean {
    return this.data[connectionId]?.[event] !== undefined;
  }

  set(connectionId: string, event: string, token: Secret): void {
    (this.data[connectionId] ??= {})[event] = token.reveal();
  }
}

/** Persists tokens in a file readable by the owner only (`.data/webhook-tokens.json`). */
export class FileTokenStore extends MemoryTokenStore {
  constructor(private readonly file: string) {
    super();
    try {
      this.data = JSON.parse(readFileSync(file, 'utf8')) as Stored;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`cannot read webhook token store ${file}: ${(err as Error).message}`, { cause: err });
    }
  }

  override set(connectionId: string, event: string, token: Secret): void {
    super.set(connectionId, event, token);
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.data, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}
