import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** `127.0.0.1:<port>` of the proxy. */
  host: string;
  port: number;
  server: Server;
  /** Connections accepted so far. */
  accepted(): number;
  /** Sockets still open (both sides of every live connection). */
  openSockets(): number;
  /** Closes the listener and destroys every open socket: to the client, the endpoint has died. */
  stop(): Promise<void>;
  /** Listens again on the same port: the endpoint is back. */
  start(): Promise<void>;
}

/** A TCP proxy to `target` (host and port of a URL) for fault tests: stop it to cut the line, start it to restore. */
export async function tcpProxy(target: URL): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let accepted = 0;
  const server = createServer((client) => {
    accepted++;
    const upstream = connect(Number(target.port), target.hostname);
    open.add(client);
    open.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    port,
    server,
    accepted: () => accepted,
    openSockets: () => open.size,
    stop: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        for (const s of open) s.destroy();
      }),
    start: () => new Promise<void>((r) => server.listen(port, '127.0.0.1', r)),
  };
}
