import net, { type AddressInfo } from 'net';

/**
 * A TCP proxy on 127.0.0.1 between Strapi and the shared PostgreSQL, which the test can "stop": it
 * then closes every open connection and its listening socket, so new connections are refused
 * (ECONNREFUSED), as with a stopped server, without touching the cluster other tests use.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  let up = true;
  const pairs = new Set<[net.Socket, net.Socket]>();
  const server = net.createServer((client) => {
    client.on('error', () => undefined); // the peer sees the reset; nothing to report here
    if (!up) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    upstream.on('error', () => undefined);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    const close = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    port,
    get openConnections() {
      return pairs.size;
    },
    /** Resets every connection through the proxy and refuses new ones until up(). */
    down() {
      up = false;
      server.close();
      // A stopped server closes its connections (after telling each session it is terminating).
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
      pairs.clear();
    },
    /** Listens again on the same port (were it taken in the meantime, listen fails loudly). */
    async up() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          up = true;
          resolve();
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const [client, upstream] of pairs) {
          client.destroy();
          upstream.destroy();
        }
        if (server.listening) server.close(() => resolve());
        else resolve();
      }),
  };
}

export type TcpProxy = Awaited<ReturnType<typeof startTcpProxy>>;
