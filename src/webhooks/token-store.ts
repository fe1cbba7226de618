import { Secret } from '../domain/secret';

/**
 * Rackbeat returns a webhook's token only when the webhook is created, so rackbridge keeps the
 * tokens it was given. Deliveries are accepted when they carry any token known for the connection.
 * Production uses TemporalTokenStore (temporal-token-store.ts): every receiver reads the same tokens.
 */
export interface WebhookTokenStore {
  tokens(connectionId: string): Secret[] | Promise<Secret[]>;
  /**
   * Re-reads the shared tokens after a delivery carried none of the known ones: another process
   * may have registered the webhook since. Absent where the store is not shared.
   */
  refresh?(connectionId: string): Promise<Secret[]>;
  /** Whether a token is known for this connection's webhook of `event`. */
  has(connectionId: string, event: string): boolean | Promise<boolean>;
  set(connectionId: string, event: string, token: Secret): void | Promise<void>;
}

type Stored = Record<string, Record<string, string>>;

/** One process's tokens, in memory (tests, and anything that registers and receives in one process). */
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
