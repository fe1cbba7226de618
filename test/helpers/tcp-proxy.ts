import { createServer, type Server, Socket } from 'node:net';

export type ProxyMode = 'forward' | 'black-hole' | 'refuse';

/**
 * A loopback TCP proxy in front of Temporal that a test can turn into an outage:
 * `black-hole` accepts connections and keeps open ones but passes no byte either way until the
 * mode is `forward` again, like a partition TCP outlasts (the slow case); `refuse` closes every
 * connection at once and refuses new ones (a stopped server).
 */
export class TcpProxy {
  private mode: ProxyMode = 'forward';
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;

  constructor(private readonly target: { host: string; port: number }) {}

  async listen(): Promise<string> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    return `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  set(mode: ProxyMode): void {
    this.mode = mode;
    for (const s of this.sockets) {
      if (mode === 'refuse') s.destroy();
      // Paused sockets stop reading: bytes wait in the kernel, as in a partition, and flow again on resume.
      else if (mode === 'black-hole') s.pause();
      else s.resume();
    }
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private accept(client: Socket): void {
    if (this.mode === 'refuse') {
      client.destroy();
      return;
    }
    const upstream = new Socket();
    this.track(client);
    this.track(upstream);
    upstream.connect(this.target.port, this.target.host);
    client.pipe(upstream);
    upstream.pipe(client);
    if (this.mode === 'black-hole') {
      client.pause();
      upstream.pause();
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
  }
}
