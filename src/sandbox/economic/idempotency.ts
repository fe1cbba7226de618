import type { FastifyReply, FastifyRequest } from 'fastify';

/** restdocs "Idempotency tokens": a replayed key returns the cached response for one hour. */
export const IDEMPOTENCY_WINDOW_MS = 60 * 60 * 1000;
export const WRITE_METHODS = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

interface CachedResponse {
  status: number;
  payload: string;
  headers: Record<string, string>;
  storedAt: number;
}

/**
 * Responses cached per agreement and key. Only 2xx answers are cached (the docs are silent on
 * errors): a caller that fixes a rejected request may retry with the same key. A reused key
 * with a different body still returns the first answer, as the docs describe the cache.
 */
export class IdempotencyCache {
  private readonly entries = new Map<string, CachedResponse>();

  constructor(private readonly now: () => number) {}

  /** Sends the cached answer if there is one; returns whether it did. */
  replay(request: FastifyRequest, reply: FastifyReply, scope: string): boolean {
    const key = keyOf(request);
    if (key === undefined) return false;
    const cached = this.entries.get(`${scope}\u0000${key}`);
    if (!cached) return false;
    if (this.now() - cached.storedAt >= IDEMPOTENCY_WINDOW_MS) {
      this.entries.delete(`${scope}\u0000${key}`);
      return false;
    }
    void reply.code(cached.status).headers({ ...cached.headers, 'X-ResultFromCache': 'true' }).send(cached.payload === '' ? undefined : cached.payload);
    return true;
  }

  /** onSend: remembers a successful write's answer under its key. */
  remember(request: FastifyRequest, reply: FastifyReply, scope: string, payload: unknown): void {
    const key = keyOf(request);
    if (key === undefined || reply.getHeader('X-ResultFromCache') !== undefined) return;
    if (reply.statusCode < 200 || reply.statusCode >= 300) return;
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'location']) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    this.entries.set(`${scope}\u0000${key}`, { status: reply.statusCode, payload: typeof payload === 'string' ? payload : '', headers, storedAt: this.now() });
  }

  clear(): void {
    this.entries.clear();
  }
}

function keyOf(request: FastifyRequest): string | undefined {
  if (!WRITE_METHODS.has(request.method)) return undefined;
  const key = request.headers['idempotency-key'];
  return typeof key === 'string' && key !== '' ? key : undefined;
}
