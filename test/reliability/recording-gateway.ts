/**
 * A loopback "gateway" that writes down every WebSocket upgrade request it
 * gets (path and headers) and refuses it with 401, so a client learns at
 * once and nothing waits on a timer. For tests that watch where credentials
 * go and whether anything connects at all.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

/** One upgrade request as the server saw it. */
export interface SeenUpgrade {
  path: string;
  headers: IncomingHttpHeaders;
}

/** A running recording gateway. */
export interface RecordingGateway {
  /** `ws://127.0.0.1:<port>/gateway`. */
  readonly url: string;
  readonly port: number;
  /** Every upgrade request so far, in order. */
  readonly seen: SeenUpgrade[];
  close(): Promise<void>;
}

/** Start one on a free loopback port. */
export async function startRecordingGateway(): Promise<RecordingGateway> {
  const seen: SeenUpgrade[] = [];
  const server: Server = createServer((_req, res) => res.writeHead(404).end());
  const sockets = new Set<Duplex>();
  server.on('upgrade', (req, socket) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    // The client may reset first; that is its business, not an error here.
    socket.on('error', () => {});
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/gateway`,
    port,
    seen,
    close: () =>
      new Promise<void>((r) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
