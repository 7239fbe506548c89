/**
 * Differential conformance, on the wire: every scenario runs against the
 * simulator's 0.2.2 dialect and against the real http-interaction 0.2.2
 * server, and asserts the same observable behaviour — frames, close codes
 * and silences (docs/protocol.md §2). A silence is always bounded by a later
 * event: a frame sent after it that was (or was not) answered.
 */
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAllClients, connect, identHeaders } from '../sim/raw-client';
import type { Frame, RawClient, UpgradeRefusal } from '../sim/raw-client';
import type { Gateway, GatewayOptions } from './targets';
import { TARGETS } from './targets';

let gateways: Gateway[] = [];

afterEach(async () => {
  closeAllClients();
  await Promise.all(gateways.map((g) => g.stop()));
  gateways = [];
});

async function refusal(p: Promise<RawClient>): Promise<UpgradeRefusal> {
  try {
    await p;
  } catch (e) {
    return e as UpgradeRefusal;
  }
  throw new Error('upgrade was accepted');
}

const eventOf = (f: Frame): unknown => (f.json as { event?: unknown } | undefined)?.event;
const interactions = (c: RawClient): number =>
  c.frames.filter((f) => eventOf(f) === 'INTERACTION_DISCORD').length;

describe.each(TARGETS)('http-interaction 0.2.2 on the wire: $name', (target) => {
  const run = target.skip ? it.skip : it;

  async function start(options?: GatewayOptions): Promise<Gateway> {
    const g = await target.start(options);
    gateways.push(g);
    return g;
  }

  /** Connect with the right credentials and read HELLO. */
  async function hello(g: Gateway, shardIn = 0, shardTotal = 1): Promise<RawClient> {
    const c = await connect(g.url, identHeaders(g.creds, shardIn, shardTotal));
    expect(eventOf(await c.next())).toBe('GATEWAY_HELLO');
    return c;
  }

  async function registered(g: Gateway): Promise<RawClient> {
    const c = await hello(g);
    c.sendGzip({ type: 1, d: { flags: 0 } });
    expect(eventOf(await c.next())).toBe('GATEWAY_READY');
    return c;
  }

  /**
   * A ping on `c` is answered: the proof that everything sent to `c` before
   * it was read (forwarded interactions may come first; nothing else may).
   */
  async function pingAnswered(c: RawClient): Promise<void> {
    c.sendGzip({ type: 2 });
    for (;;) {
      const event = eventOf(await c.next());
      if (event === 'GATEWAY_PING') return;
      expect(event).toBe('INTERACTION_DISCORD');
    }
  }

  /**
   * `c` stays silent and open. Its ping is written first; a ping on `witness`
   * answered next shows the server reading; then an interaction forwarded to
   * `c` (its writer still works) is the next frame on `c`. Frames on one
   * socket keep their order, so an answer to `c`'s ping would have come
   * before it: no fixed wait decides.
   */
  async function deaf(g: Gateway, c: RawClient, witness: RawClient): Promise<void> {
    const before = c.frames.length;
    c.sendGzip({ type: 2 });
    await pingAnswered(witness);
    await g.interaction(1);
    expect(eventOf(await c.next())).toBe('INTERACTION_DISCORD');
    expect(c.frames.length).toBe(before + 1);
    expect(c.isClosed()).toBe(false);
  }

  run('HELLO is a zlib binary frame with the full message envelope, keys sorted', async () => {
    const g = await start();
    const c = await connect(g.url, identHeaders(g.creds));
    const f = await c.next();
    expect(f.framing).toBe('zlib');
    expect(JSON.stringify(f.json)).toBe(
      '{"data":{"starting_shards":true},"event":"GATEWAY_HELLO","message":"","possible_error":false,"rate_limit":true,"service":"gateway","type":1}',
    );
  });

  run.each(['Identification', 'Secret', 'Public-Key', 'Shard-In', 'Shard-Total'])(
    'a missing %s header fails the upgrade with HTTP 500 and a JSON body',
    async (name) => {
      const g = await start();
      const headers = identHeaders(g.creds);
      delete headers[name];
      const r = await refusal(connect(g.url, headers));
      expect(r.status).toBe(500);
      expect(JSON.parse(r.body)).toEqual({
        code: 500,
        code_error: 'UNHANDLED_REJECTION',
        message:
          'Your request was rejected and therefore the API was unable to process your request.',
        error: true,
      });
    },
  );

  run('another path is a 404 with a JSON body', async () => {
    const g = await start();
    const r = await refusal(connect(g.url.replace('/gateway', '/ws'), identHeaders(g.creds)));
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body)).toMatchObject({ code_error: 'NOT_FOUND', error: true });
  });

  run.each([
    ['secret', { secret: 'wrong' }],
    ['public key', { publicKey: 'ab'.repeat(32) }],
    ['bot id', { botId: '42' }],
  ])('a wrong %s: a close frame without a status (1005) and no message', async (_w, bad) => {
    const g = await start();
    const c = await connect(g.url, identHeaders({ ...g.creds, ...bad }));
    expect((await c.closed).code).toBe(1005);
    expect(c.frames).toHaveLength(0);
  });

  run(
    'authentication is a score: a right id and a Public-Key with a space pass any secret',
    async () => {
      const g = await start();
      const c = await connect(
        g.url,
        identHeaders({ ...g.creds, secret: 'wrong', publicKey: 'x y' }),
      );
      expect(eventOf(await c.next())).toBe('GATEWAY_HELLO');
      // Three copies of the key make up for a wrong id; two do not.
      const three = [g.creds.publicKey, g.creds.publicKey, g.creds.publicKey].join(' ');
      const c3 = await connect(g.url, identHeaders({ ...g.creds, botId: '42', publicKey: three }));
      expect(eventOf(await c3.next())).toBe('GATEWAY_HELLO');
      const two = `${g.creds.publicKey} ${g.creds.publicKey}`;
      const c2 = await connect(g.url, identHeaders({ ...g.creds, botId: '42', publicKey: two }));
      expect((await c2.closed).code).toBe(1005);
    },
  );

  run('Shard-In > Shard-Total is a 1005 close; an unparsable Shard-In a 1006 drop', async () => {
    const g = await start();
    const over = await connect(g.url, identHeaders(g.creds, 3, 2));
    expect((await over.closed).code).toBe(1005);
    const bad = await connect(g.url, { ...identHeaders(g.creds), 'Shard-In': 'abc' });
    expect((await bad.closed).code).toBe(1006);
    expect(bad.frames).toHaveLength(0);
  });

  run(
    'Shard-In > 0 is dropped (1006) until the bot id has registered, then says HELLO',
    async () => {
      const g = await start();
      const early = await connect(g.url, identHeaders(g.creds, 1, 2));
      expect((await early.closed).code).toBe(1006);
      await registered(g);
      const late = await connect(g.url, identHeaders(g.creds, 1, 2));
      const f = await late.next();
      expect(f.json).toMatchObject({ event: 'GATEWAY_HELLO', data: { starting_shards: false } });
    },
  );

  run(
    'a server started without its secret drops every connection (1006) before any message',
    async () => {
      const g = await start({ misconfigured: true });
      const c = await connect(g.url, identHeaders(g.creds));
      expect((await c.closed).code).toBe(1006);
      expect(c.frames).toHaveLength(0);
    },
  );

  run('pings are not answered before the bot registered, ever — not even after', async () => {
    const g = await start();
    const c = await hello(g);
    c.sendGzip({ type: 2 });
    c.sendGzip({ type: 1, d: { flags: 0 } });
    // Frames are answered in order: had the ping been answered, its answer came first.
    expect(eventOf(await c.next())).toBe('GATEWAY_READY');
    c.sendGzip({ type: 2 });
    const answer = await c.next();
    expect(JSON.stringify(answer.json)).toBe(
      '{"data":{},"event":"GATEWAY_PING","service":"gateway","type":3}',
    );
  });

  run('once the bot id registered, any connection gets its pings answered', async () => {
    const g = await start();
    const monitor = await hello(g);
    await registered(g);
    await pingAnswered(monitor);
  });

  run(
    'READY: 85-char session, nested config, empty stats, flags derived from those sent',
    async () => {
      const g = await start();
      const c = await connect(g.url, identHeaders(g.creds, 0, 4));
      await c.next();
      c.sendGzip({ type: 1, d: { flags: 2 } });
      const ready = (await c.next()).json as { data: Record<string, unknown> };
      expect(ready.data['session_id']).toMatch(/^[A-Za-z0-9]{85}$/);
      expect(ready.data['application_bot']).toEqual({
        flags: 5,
        id: g.creds.botId,
        public_key: '[REDACTED]',
      });
      expect(ready.data['shards_config']).toEqual([[[[0, 4]]]]);
      expect(JSON.stringify(ready.data['shards_stats'])).toBe('[[[[[[[]]]]]]]');
    },
  );

  run(
    'interactions go to the connection that registered last, never to a ping-only one',
    async () => {
      const g = await start();
      const bot = await registered(g);
      const monitor = await hello(g);
      await pingAnswered(monitor);
      await g.interaction(1);
      await pingAnswered(bot);
      expect(interactions(bot)).toBe(1);

      // A monitor that registers takes them; the bot is neither closed nor told.
      monitor.sendGzip({ type: 1, d: { flags: 0 } });
      expect(eventOf(await monitor.next())).toBe('GATEWAY_READY');
      await g.interaction(2);
      await pingAnswered(monitor);
      expect(interactions(monitor)).toBe(1);
      await pingAnswered(bot);
      expect(interactions(bot)).toBe(1);
      expect(bot.isClosed()).toBe(false);

      // Once it leaves, they go to its dead connection: lost until the bot registers again.
      monitor.ws.terminate();
      await monitor.closed;
      await g.interaction(3);
      await pingAnswered(bot);
      expect(interactions(bot)).toBe(1);
      bot.sendGzip({ type: 1, d: { flags: 0 } });
      expect(eventOf(await bot.next())).toBe('GATEWAY_READY');
      await g.interaction(4);
      await pingAnswered(bot);
      expect(interactions(bot)).toBe(2);
    },
  );

  const killers: Array<[string, (c: RawClient) => void]> = [
    ['a text frame', (c) => c.sendText({ type: 2 })],
    ['a zlib frame', (c) => c.sendZlib({ type: 2 })],
    ['a plain binary frame', (c) => c.sendRawBinary({ type: 2 })],
    ['gzip holding invalid JSON', (c) => c.ws.send(gzipSync('{"type":'))],
    ['a WebSocket ping', (c) => c.ws.ping()],
    ['the client close frame', (c) => c.ws.close(1000)],
    ['d.flags not an integer', (c) => c.sendGzip({ type: 1, d: { flags: 'x' } })],
    ['d.decode without d.encode', (c) => c.sendGzip({ type: 1, d: { flags: 0, decode: true } })],
  ];

  run.each(killers)(
    'before a register, %s kills the reader: the socket is dropped (1006)',
    async (_w, kill) => {
      const g = await start();
      const c = await hello(g);
      kill(c);
      expect((await c.closed).code).toBe(1006);
    },
  );

  run.each(killers.slice(0, 5))(
    'after this connection registered, %s leaves it open but deaf',
    async (_w, kill) => {
      const g = await start();
      const c = await registered(g);
      const witness = await hello(g);
      kill(c);
      // The writer still works: interactions keep coming to the deaf socket.
      await deaf(g, c, witness);
      expect(interactions(c)).toBe(1);
    },
  );

  run.each([
    ['a JSON array', [1, 2]],
    ['a string type', { type: '2' }],
    ['an unknown type', { type: 99 }],
    ['register without flags', { type: 1, d: {} }],
    ['types 4, 5 and 6', { type: 4, d: { id: 5 } }],
    ['a shard before the bot registered', { type: 3, d: { public_key: 'x', shard_id: 1 } }],
  ])('%s is ignored: no answer, and the reader lives on', async (_w, frame) => {
    const g = await start();
    const c = await hello(g);
    c.sendGzip(frame);
    c.sendGzip({ type: 5, d: { session_id: 'x', flags: 0 } });
    c.sendGzip({ type: 6 });
    c.sendGzip({ type: 1, d: { flags: 0 } });
    // The next frame is READY: nothing before it was answered, and the reader survived.
    expect(eventOf(await c.next())).toBe('GATEWAY_READY');
  });

  run('type 3 registers a shard once the bot has; a repeat gets no answer', async () => {
    const g = await start();
    const c = await registered(g);
    c.sendGzip({ type: 3, d: { public_key: g.creds.publicKey, shard_id: 2 } });
    const info = (await c.next()).json as { event: string; data: unknown };
    expect(info.event).toBe('GATEWAY_SHARD_INFO');
    expect(JSON.stringify(info.data)).toMatch(
      /^\[\[\[\[\{"development":false,"disconnected":false,"receibe_ping":0,"received":0,"send_ping":0,"sending":0,"shard_hash":"[A-Za-z0-9]{15}","shard_id":2\}\]\]\]\]$/,
    );
    c.sendGzip({ type: 3, d: { public_key: g.creds.publicKey, shard_id: 2 } });
    await pingAnswered(c);
  });
});
