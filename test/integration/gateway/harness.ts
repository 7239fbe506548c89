/** Shared set-up for the gateway connection integration tests. */
import { afterEach, expect } from 'vitest';
import { createGatewayConnection } from '../../../electron/core/gateway/connection';
import type { GatewayConnection, GatewayEvents } from '../../../electron/core/gateway/connection';
import type { GatewayConnectionOptions } from '../../../electron/core/gateway/options';
import type { Dialect } from '../../../shared/protocol';
import { createFakeClock } from '../../support/fake-clock';
import type { FakeClock } from '../../support/fake-clock';
import type { TestServer } from './test-gateway-server';
import { readyMessage, startTestServer, waitFor } from './test-gateway-server';

/** Canary secrets: they must never show up in anything the client emits. */
export const SECRET = 'SECRET-canary-91b2e4';
// 64 hex characters, the shape 0.2.2 requires; distinctive enough to scan for.
export const PUBLIC_KEY = 'c0ffee7f3a9c' + '5a'.repeat(26);
export const BOT_ID = '1234567890';
/** The identity of a test connection: the canaries above, one shard of one. */
export const IDENTITY: GatewayConnectionOptions['identity'] = {
  botId: BOT_ID,
  publicKey: PUBLIC_KEY,
  secret: SECRET,
  shardIn: 0,
  shardTotal: 1,
};

const EVENT_NAMES: Array<keyof GatewayEvents> = [
  'state',
  'hello',
  'ready',
  'shards',
  'ping',
  'ping-late',
  'protocol-error',
  'server-message',
  'interaction',
  'unknown-event',
  'frame',
];

/** A test's gateway and connection, stopped after each test (`gatewayScope`). */
export interface GatewayScope {
  server: TestServer | null;
  conn: GatewayConnection | null;
}

/** Holders for one test gateway and one connection; after each test the connection is disposed and the gateway closed. */
export function gatewayScope(): GatewayScope {
  const scope: GatewayScope = { server: null, conn: null };
  afterEach(async () => {
    scope.conn?.dispose();
    scope.conn = null;
    await scope.server?.close();
    scope.server = null;
  });
  return scope;
}

/** A connection to a test gateway, recorded, and the gateway's side of it. */
export interface ReadyConnection {
  rec: Recorded;
  /** Send a frame as the gateway (text, or binary bytes). */
  send(data: string | Buffer, binary: boolean): void;
}

/**
 * A new test gateway in `scope` that answers the register frame with
 * READY, and a connection to it made by `make` (held by `scope` too),
 * connected and ready.
 */
export async function readyConnection(
  scope: GatewayScope,
  make: (url: string) => GatewayConnection,
): Promise<ReadyConnection> {
  scope.server = await startTestServer({
    framing: 'text',
    onFrame(c, frame) {
      if (frame.message?.['type'] === 1) c.send(readyMessage());
    },
  });
  const conn = make(scope.server.url);
  scope.conn = conn;
  const rec = record(conn);
  conn.connect();
  const sc = await scope.server.nextConn();
  await waitFor(() => conn.state === 'ready', 'ready');
  return { rec, send: (data, binary) => sc.sendRaw(data, binary) };
}

export interface Recorded {
  events: Array<{ name: keyof GatewayEvents; payload: unknown }>;
  of<K extends keyof GatewayEvents>(name: K): Array<GatewayEvents[K]>;
}

export function record(conn: GatewayConnection): Recorded {
  const events: Recorded['events'] = [];
  for (const name of EVENT_NAMES) conn.on(name, (payload) => events.push({ name, payload }));
  return {
    events,
    of<K extends keyof GatewayEvents>(name: K) {
      return events.filter((e) => e.name === name).map((e) => e.payload as GatewayEvents[K]);
    },
  };
}

export interface Harness {
  conn: GatewayConnection;
  clock: FakeClock;
  rec: Recorded;
}

export function makeConnection(
  url: string,
  dialect: Dialect,
  overrides: Partial<GatewayConnectionOptions> = {},
): Harness {
  const clock = createFakeClock();
  const conn = createGatewayConnection({
    url,
    dialect,
    identity: IDENTITY,
    flags: 0,
    clock,
    random: () => 1,
    ...overrides,
  });
  return { conn, clock, rec: record(conn) };
}

/** Everything the connection emitted or reports, as text, for secret scanning. */
export function emittedText(h: Harness): string {
  return JSON.stringify(h.rec.events) + JSON.stringify(h.conn.snapshot());
}

/**
 * Advance the fake clock by `ms` and check that the connection made no new
 * attempt: every attempt starts by emitting the `connecting` state
 * synchronously (from a timer of this clock), so "nothing happened" is
 * known the moment `advance` returns, without waiting on real time.
 */
export function expectNoNewAttempt(h: Harness, ms: number): void {
  const before = h.conn.state;
  const attempts = h.rec.of('state').filter((s) => s.state === 'connecting').length;
  h.clock.advance(ms);
  expect(h.rec.of('state').filter((s) => s.state === 'connecting')).toHaveLength(attempts);
  expect(h.conn.state).toBe(before);
  expect(h.clock.pendingCount()).toBe(0);
}

/** Resolves with the first `event` payload of `c` that passes `test`. */
export function next<K extends keyof GatewayEvents>(
  c: GatewayConnection,
  event: K,
  test: (p: GatewayEvents[K]) => boolean = () => true,
): Promise<GatewayEvents[K]> {
  return new Promise((resolve) => {
    const off = c.on(event, (p) => {
      if (!test(p)) return;
      off();
      resolve(p);
    });
  });
}
