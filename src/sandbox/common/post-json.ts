import http from 'node:http';
import https from 'node:https';

export type PostOutcome = { status: number } | { error: string };

export interface PostTimeouts {
  /** Time allowed to open the TCP connection. */
  connectTimeoutMs: number;
  /** Time allowed from sending until the status line arrives. */
  responseTimeoutMs: number;
}

/**
 * One POST with separate connect and response timeouts, as Rackbeat documents them for
 * webhook deliveries (3 s / 15 s). Never throws: a failure is an outcome to log and retry.
 */
export function postJson(url: string, body: string, headers: Record<string, string>, timeouts: PostTimeouts): Promise<PostOutcome> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ error: `invalid URL ${url}` });
      return;
    }
    const client = target.protocol === 'https:' ? https : http;
    const timers: NodeJS.Timeout[] = [];
    let settled = false;
    const finish = (outcome: PostOutcome): void => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      resolve(outcome);
    };
    // A fresh socket per delivery (agent: false) so the 'connect' event always fires.
    const request = client.request(target, { method: 'POST', agent: false, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } }, (response) => {
      response.resume();
      finish({ status: response.statusCode ?? 0 });
      request.destroy();
    });
    const connectTimer = setTimeout(() => request.destroy(new Error(`connect timeout after ${timeouts.connectTimeoutMs} ms`)), timeouts.connectTimeoutMs);
    timers.push(connectTimer, setTimeout(() => request.destroy(new Error(`response timeout after ${timeouts.responseTimeoutMs} ms`)), timeouts.responseTimeoutMs));
    request.on('socket', (socket) => socket.once('connect', () => clearTimeout(connectTimer)));
    request.on('error', (err) => finish({ error: err.message }));
    request.end(body);
  });
}
