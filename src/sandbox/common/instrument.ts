import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxContext } from './context';
import type { LoggedRequest } from './request-log';

export interface InstrumentOptions {
  system: string;
  /** The credential a rate limit is counted against (a token header). */
  tokenOf: (request: FastifyRequest) => string | undefined;
  /** The body a simulated 429 carries, in the real API's error format. */
  rateLimitBody: (retryAfterSeconds: number) => unknown;
  /** The body a simulated 5xx carries. */
  serverErrorBody: (status: number) => unknown;
}

declare module 'fastify' {
  interface FastifyRequest {
    sandboxLog?: LoggedRequest;
    sandboxDrop?: boolean;
    /** Set by a fault: the simulator must not remember this write's idempotency key. */
    sandboxForgetIdempotencyKey?: boolean;
    /** A commit-then-status or commit-then-hold fault that applies once the handler has run. */
    sandboxAfterCommit?: { kind: 'status'; status: number } | { kind: 'hold'; ms: number };
  }
}

/**
 * Adds request logging, rate limiting and fault injection to one simulator's routes. Register it
 * inside the simulator's own plugin so the hooks apply to that system only.
 */
export function instrument(app: FastifyInstance, ctx: SandboxContext, options: InstrumentOptions): void {
  const { system } = options;

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const [path = '', queryString] = request.url.split('?');
    const idempotencyKey = request.headers['idempotency-key'];
    request.sandboxLog = ctx.log.add({
      system,
      method: request.method,
      path: stripPrefix(path, app.prefix),
      query: Object.fromEntries(new URLSearchParams(queryString ?? '')),
      body: request.body,
      idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : undefined,
      at: new Date().toISOString(),
    });
    const logPath = request.sandboxLog.path;

    const token = options.tokenOf(request);
    if (token !== undefined) {
      const waitMs = ctx.limiter(system).hit(token);
      if (waitMs !== undefined) {
        const seconds = Math.max(1, Math.ceil(waitMs / 1000));
        return reply.code(429).header('Retry-After', String(seconds)).send(options.rateLimitBody(seconds));
      }
    }

    const body = request.body === undefined ? '' : typeof request.body === 'string' ? request.body : Buffer.isBuffer(request.body) ? request.body.toString('utf8') : JSON.stringify(request.body);
    const fault = ctx.faults.take(system, request.method, logPath, body);
    if (!fault) return;
    switch (fault.kind) {
      case 'latency':
        await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
        return;
      case 'rate-limit':
        return reply
          .code(429)
          .header('Retry-After', String(fault.retryAfterSeconds))
          .send(options.rateLimitBody(fault.retryAfterSeconds));
      case 'status':
        return reply.code(fault.status).send(options.serverErrorBody(fault.status));
      case 'drop':
        request.sandboxDrop = true;
        request.sandboxForgetIdempotencyKey = fault.forgetIdempotencyKey === true;
        return;
      case 'commit-then-status':
        request.sandboxAfterCommit = { kind: 'status', status: fault.status };
        return;
      case 'commit-then-hold':
        request.sandboxAfterCommit = { kind: 'hold', ms: fault.latencyMs };
        return;
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const after = request.sandboxAfterCommit;
    if (after?.kind === 'hold') {
      if (request.sandboxLog) request.sandboxLog.status = 'held';
      // Until the time is up or the caller is gone (a killed worker): either way nobody hears the answer.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, after.ms);
        request.raw.socket?.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    if (after?.kind === 'status') {
      // The handler committed (and any idempotency cache kept its answer); the caller sees only the 5xx.
      if (request.sandboxLog) request.sandboxLog.status = after.status;
      const body = options.serverErrorBody(after.status);
      void reply.code(after.status).header('content-type', typeof body === 'string' ? 'text/html' : 'application/json');
      return typeof body === 'string' ? body : JSON.stringify(body);
    }
    if (request.sandboxLog) request.sandboxLog.status = request.sandboxDrop ? 'dropped' : reply.statusCode;
    if (request.sandboxDrop) {
      // The handler has committed its write; the caller never learns the outcome.
      request.raw.socket?.destroy();
    }
    return payload;
  });
}

function stripPrefix(path: string, prefix: string): string {
  return prefix && path.startsWith(prefix) ? path.slice(prefix.length) || '/' : path;
}
