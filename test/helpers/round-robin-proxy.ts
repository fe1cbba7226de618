import { createServer, type Server, Socket } from 'node:net';

/**
 * A loopback TCP load balancer in front of several webhook receivers, as a production one would
 * sit at PUBLIC_URL: connections go round-robin, and a connection a target refuses (a killed
 * receiver) is tried on the next one before the sender sees anything.
 */
export class RoundRobinProxy {
  private next = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly targets: { host: string; port: number }[]) {}

  async listen(): Promise<string> {
    this.server = createServer((client) => this.accept(client, 0));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    return `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private accept(client: Socket, tried: number): void {
    if (tried >= this.targets.length) {
      client.destroy();
      return;
    }
    client.pause();
    const target = this.targets[this.next++ % this.targets.length]!;
    const upstream = new Socket();
    this.track(client);
    this.track(upstream);
    const onRefused = (): void => {
      upstream.destroy();
      this.accept(client, tried + 1);
    };
    upstream.once('error', onRefused);
    upstream.connect(target.port, target.host, () => {
      upstream.off('error', onRefused);
      upstream.on('error', () => client.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
  }
}
