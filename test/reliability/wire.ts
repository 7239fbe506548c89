/**
 * A transparent TCP relay on 127.0.0.1 standing for the network between the
 * client and the gateway. It counts the client's live TCP connections exactly
 * and can cut a connection in the middle of a frame: forward half of the next
 * large chunk from the gateway, then reset the client's socket — which is
 * what the client sees when a gateway dies while writing (loopback buffers
 * are too large for a killed process to leave half a frame otherwise).
 */
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { connect } from 'node:net';

export interface Wire {
  readonly port: number;
  readonly url: string;
  /** Client connections currently open through the relay. */
  clientConnections(): number;
  /** Connections accepted since start. */
  totalConnections(): number;
  /** Cut the next gateway→client chunk of at least `minBytes` in half; `onCut` runs right after. */
  cutNextChunk(minBytes: number, onCut: () => void): void;
  /** True while a cut is armed and has not happened yet. */
  readonly cutArmed: boolean;
  close(): Promise<void>;
}

export async function startWire(targetPort: () => number, path = '/gateway'): Promise<Wire> {
  const pairs = new Set<{ down: Socket; up: Socket }>();
  let total = 0;
  let cut: { minBytes: number; onCut: () => void } | null = null;
  const server = createServer((down) => {
    total++;
    const up = connect(targetPort(), '127.0.0.1');
    const pair = { down, up };
    pairs.add(pair);
    const end = (): void => {
      pairs.delete(pair);
      down.destroy();
      up.destroy();
    };
    down.on('error', () => {});
    up.on('error', () => {});
    down.on('close', end);
    up.on('close', end);
    down.on('data', (d: Buffer) => {
      if (!up.destroyed) up.write(d);
    });
    up.on('data', (d: Buffer) => {
      if (down.destroyed) return;
      if (cut && d.length >= cut.minBytes) {
        const { onCut } = cut;
        cut = null;
        down.write(d.subarray(0, Math.floor(d.length / 2)), () => {
          pairs.delete(pair);
          down.resetAndDestroy();
          up.destroy();
          onCut();
        });
        return;
      }
      down.write(d);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `ws://127.0.0.1:${port}${path}`,
    clientConnections: () => pairs.size,
    totalConnections: () => total,
    cutNextChunk(minBytes, onCut) {
      cut = { minBytes, onCut };
    },
    get cutArmed() {
      return cut !== null;
    },
    async close() {
      cut = null;
      for (const p of pairs) {
        p.down.destroy();
        p.up.destroy();
      }
      pairs.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
