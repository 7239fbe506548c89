/**
 * A gateway thread whose script cannot be loaded (a packaged build that could
 * not read its worker file, say): the connection says so in its state, in
 * words that name the failure and hold no secret, and retries with its
 * backoff. Nothing throws and the process goes on.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayConnection } from '../../../electron/core/gateway/connection';
import { createWorkerGatewayConnection } from '../../../electron/core/gateway/worker-connection';
import { createWorkerPool } from '../../../electron/core/gateway/worker-pool';
import { createFakeClock } from '../../support/fake-clock';
import { tempDirs } from '../../reliability/core-harness';
import { IDENTITY, SECRET, next } from './harness';

const dirs = tempDirs();
const conns: GatewayConnection[] = [];
afterEach(() => {
  for (const c of conns.splice(0)) c.dispose();
  dirs.cleanup();
});

function connectWith(entry: string): GatewayConnection {
  const c = createWorkerGatewayConnection(
    {
      url: 'ws://127.0.0.1:9/',
      dialect: 'documented',
      identity: IDENTITY,
      flags: 0,
      clock: createFakeClock(),
      random: () => 0,
    },
    { pool: createWorkerPool({ capacity: 5, entry: () => entry }) },
  );
  conns.push(c);
  return c;
}

describe('a gateway thread that cannot load its script', () => {
  it('is reported when the file is missing, and the connection retries', async () => {
    const c = connectWith(join(dirs.make(), 'not-there', 'gateway-worker.js'));
    const failed = next(c, 'state', (s) => s.state === 'reconnecting');
    c.connect();
    const s = await failed;
    expect(s.detail).toMatch(/worker thread stopped \(.*Cannot find module.*gateway-worker\.js/);
    expect(s.detail).not.toContain(SECRET);
  });

  it('is reported when the file does not parse', async () => {
    const entry = join(dirs.make(), 'broken.mjs');
    writeFileSync(entry, `export const x = ; // ${SECRET}\n`);
    const c = connectWith(entry);
    const failed = next(c, 'state', (s) => s.state === 'reconnecting');
    c.connect();
    const s = await failed;
    expect(s.detail).toMatch(/worker thread stopped \(.*(SyntaxError|Unexpected token)/);
    expect(s.detail).not.toContain(SECRET);
  });
});
