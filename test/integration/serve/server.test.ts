/**
 * Browser mode's HTTP + WebSocket server (electron/serve/server.ts) over real
 * loopback sockets: who gets the page and the bridge, what headers protect
 * it, and that the bridge carries the AppApi contract faithfully.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ApiEventChannel, ApiEvents, ApiResult } from '../../../shared/api';
import { apiError, apiOk } from '../../../shared/api';
import type { BridgeServerMessage } from '../../../shared/bridge';
import { BRIDGE_PATH, TOKEN_PARAM } from '../../../shared/bridge';
import type { AppDelta } from '../../../shared/app-state';
import { createServeServer } from '../../../electron/serve/server';
import type { BridgeCore, ServeHandle } from '../../../electron/serve/server';
import { startCore } from '../core/helpers';
import { decodeShards, encodeShards } from '../../../shared/shard-columns';
import type { ShardPage } from '../../../shared/shard-columns';
import { makeShardView } from '../../support/model-builders';
import { createTranslator } from '../../../shared/i18n/translator';
import { makeTempDir, removeTempDir } from '../../support/temp-dir';

const TOKEN = 'test-token-0123456789abcdef';
const INDEX_HTML = '<!doctype html><title>Shardwatch test page</title>';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** A bridge core that answers from a table and lets the test push events. */
function fakeCore(): BridgeCore & {
  emit(delta: AppDelta): void;
  calls: Array<[unknown, unknown]>;
} {
  const listeners = new Set<(d: AppDelta) => void>();
  const calls: Array<[unknown, unknown]> = [];
  return {
    calls,
    async handle(channel: unknown, args: unknown): Promise<ApiResult<unknown>> {
      calls.push([channel, args]);
      if (channel === 'query:shards') return apiOk({ seq: 3, shards: [] });
      return apiError('bad-request', 'The fake core only knows query:shards.');
    },
    on<E extends ApiEventChannel>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
      if (event !== 'event:delta') return () => {};
      const l = listener as (d: AppDelta) => void;
      listeners.add(l);
      return () => listeners.delete(l);
    },
    emit(delta) {
      for (const l of listeners) l(delta);
    },
  };
}

/** A tiny built renderer in a temp folder. */
function staticDir(): string {
  const dir = makeTempDir('shardwatch-serve-');
  writeFileSync(join(dir, 'index.html'), INDEX_HTML);
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("app");\n');
  cleanups.push(() => removeTempDir(dir));
  return dir;
}

async function serve(core: BridgeCore = fakeCore()): Promise<ServeHandle> {
  const handle = await createServeServer({ core, staticDir: staticDir(), port: 0, token: TOKEN });
  cleanups.push(() => handle.close());
  return handle;
}

interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw GET: the path is sent exactly as given (no client-side `..` folding). */
function get(
  h: ServeHandle,
  path: string,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: h.port, path, method: 'GET', headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function bridgeUrl(h: ServeHandle, token: string | null = TOKEN): string {
  const q = token === null ? '' : `?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
  return `ws://127.0.0.1:${h.port}${BRIDGE_PATH}${q}`;
}

/** Try to open the bridge; resolves to 101 on success or the refusing HTTP status. */
function upgradeStatus(
  url: string,
  opts: { origin?: string; headers?: Record<string, string> } = {},
): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { ...opts });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.on('error', () => resolve(-1));
  });
}

/** An open bridge client that collects everything the server sends. */
async function openBridge(h: ServeHandle): Promise<{
  ws: WebSocket;
  inbox: BridgeServerMessage[];
  next: (pred: (m: BridgeServerMessage) => boolean) => Promise<BridgeServerMessage>;
}> {
  const ws = new WebSocket(bridgeUrl(h), { origin: h.origin });
  cleanups.push(() => ws.terminate());
  const inbox: BridgeServerMessage[] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    inbox.push(JSON.parse(String(data)) as BridgeServerMessage);
    for (const w of waiters.splice(0)) w();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = (pred: (m: BridgeServerMessage) => boolean): Promise<BridgeServerMessage> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching bridge message')), 5000);
      const check = (): void => {
        const hit = inbox.find(pred);
        if (hit) {
          clearTimeout(timer);
          resolve(hit);
        } else waiters.push(check);
      };
      check();
    });
  return { ws, inbox, next };
}

function answerTo(id: number): (m: BridgeServerMessage) => boolean {
  return (m) => 'id' in m && m.id === id;
}

describe('browser mode: the page', () => {
  it('binds 127.0.0.1 by default and prints a tokenised URL', async () => {
    const h = await serve();
    expect(h.host).toBe('127.0.0.1');
    expect(h.url).toBe(`http://127.0.0.1:${h.port}/?${TOKEN_PARAM}=${TOKEN}`);
    expect(h.origin).toBe(`http://127.0.0.1:${h.port}`);
  });

  it('refuses the page without the token or with a wrong one', async () => {
    const h = await serve();
    const none = await get(h, '/');
    expect(none.status).toBe(401);
    expect(none.body).not.toContain('Shardwatch test page');
    expect(none.body).toContain('token');
    const wrong = await get(h, `/?${TOKEN_PARAM}=${TOKEN.slice(0, -1)}x`);
    expect(wrong.status).toBe(401);
    const short = await get(h, `/index.html?${TOKEN_PARAM}=abc`);
    expect(short.status).toBe(401);
  });

  it('tells a browser without the token how to sign in, in the language setting of the moment', async () => {
    const tr = createTranslator('en');
    const h = await createServeServer({
      core: fakeCore(),
      staticDir: staticDir(),
      port: 0,
      token: TOKEN,
      say: tr.say,
    });
    cleanups.push(() => h.close());
    expect((await get(h, '/')).body).toContain(
      'open the full address printed in the terminal where Shardwatch was started (`npm start` or `shardwatch serve`), including its ?token=… part, once',
    );
    tr.use('pt-BR');
    const pt = await get(h, '/');
    expect(pt.status).toBe(401);
    expect(pt.body).toContain(
      'abra uma vez o endereço completo mostrado no terminal onde o Shardwatch foi iniciado',
    );
    expect(pt.body).not.toContain('Shardwatch test page');
    const missing = await get(h, '/assets/missing.js');
    expect(missing.status).toBe(404);
    expect(missing.body).toBe('Shardwatch: não encontrado.\n');
  });

  it('refuses an empty token, a prefix of the token and the token with more after it', async () => {
    const h = await serve();
    for (const given of [
      '',
      TOKEN.slice(0, 1),
      TOKEN.slice(0, 8),
      TOKEN.slice(0, -1),
      `${TOKEN}x`,
    ]) {
      const page = await get(h, `/?${TOKEN_PARAM}=${encodeURIComponent(given)}`);
      expect(page.status, `page with token "${given}"`).toBe(401);
      expect(page.body).not.toContain('Shardwatch test page');
      expect(page.headers['set-cookie'], `no session for "${given}"`).toBeUndefined();
      expect(
        await upgradeStatus(bridgeUrl(h, given), { origin: h.origin }),
        `bridge "${given}"`,
      ).toBe(401);
    }
    expect(h.clientCount()).toBe(0);
  });

  it('serves the page with the token, with CSP, nosniff and no-referrer', async () => {
    const h = await serve();
    const page = await get(h, `/?${TOKEN_PARAM}=${TOKEN}`);
    expect(page.status).toBe(200);
    expect(page.body).toBe(INDEX_HTML);
    expect(page.headers['content-type']).toContain('text/html');
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain(`ws://127.0.0.1:${h.port}`);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
    // Built assets hold no user data and need no token.
    const asset = await get(h, '/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
    expect(asset.headers['content-security-policy']).toBeDefined();
  });

  it('answers a foreign Host header with 421 (DNS rebinding)', async () => {
    const h = await serve();
    const r = await get(h, `/?${TOKEN_PARAM}=${TOKEN}`, { Host: `evil.example:${h.port}` });
    expect(r.status).toBe(421);
    expect(r.body).not.toContain('Shardwatch test page');
    // localhost is the same machine and is accepted.
    const local = await get(h, `/?${TOKEN_PARAM}=${TOKEN}`, { Host: `localhost:${h.port}` });
    expect(local.status).toBe(200);
  });

  it('never serves files outside the renderer folder', async () => {
    const h = await serve();
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/..%2fpackage.json',
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/..%5cpackage.json',
    ]) {
      const r = await get(h, path);
      expect(r.status, path).toBe(404);
      expect(r.body, path).not.toContain('"devDependencies"');
    }
  });

  it('answers a malformed percent-encoding with 400, not an internal error', async () => {
    const h = await serve();
    const r = await get(h, '/assets/%E0%A4%A');
    expect(r.status).toBe(400);
    expect(r.headers['content-security-policy']).toBeDefined();
  });
});

describe('browser mode: the bridge', () => {
  it('refuses a connection without the token, with a wrong token, from another origin or for a foreign Host', async () => {
    const h = await serve();
    expect(await upgradeStatus(bridgeUrl(h, null), { origin: h.origin })).toBe(401);
    expect(await upgradeStatus(bridgeUrl(h, 'nope'), { origin: h.origin })).toBe(401);
    expect(await upgradeStatus(bridgeUrl(h), { origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(bridgeUrl(h), { origin: `http://127.0.0.1:${h.port + 1}` })).toBe(
      403,
    );
    expect(
      await upgradeStatus(bridgeUrl(h), {
        origin: h.origin,
        headers: { Host: `evil.example:${h.port}` },
      }),
    ).toBe(421);
    expect(await upgradeStatus(`ws://127.0.0.1:${h.port}/elsewhere?${TOKEN_PARAM}=${TOKEN}`)).toBe(
      404,
    );
    expect(h.clientCount()).toBe(0);
    expect(await upgradeStatus(bridgeUrl(h), { origin: h.origin })).toBe(101);
  });

  it('carries query:snapshot from the real core and pushes its deltas', async () => {
    const f = await startCore();
    const h = await serve(f.core);
    const client = await openBridge(h);
    client.ws.send(JSON.stringify({ id: 1, channel: 'query:snapshot', args: [] }));
    const answer = await client.next(answerTo(1));
    if (!('id' in answer)) throw new Error('expected a response');
    expect(answer.result.ok).toBe(true);
    if (!answer.result.ok) return;
    expect(answer.result.value).toMatchObject({ mode: 'browser', profiles: [], readOnly: false });

    // A change made through the bridge comes back as a pushed delta.
    client.ws.send(
      JSON.stringify({ id: 2, channel: 'command:update-settings', args: [{ theme: 'dark' }] }),
    );
    await client.next(answerTo(2));
    const pushed = await client.next(
      (m) =>
        'event' in m && m.event === 'event:delta' && m.payload !== null && 'settings' in m.payload,
    );
    expect(pushed).toMatchObject({
      event: 'event:delta',
      payload: { settings: { theme: 'dark' } },
    });
  });

  it('answers a malformed message with bad-request and keeps the connection', async () => {
    const core = fakeCore();
    const h = await serve(core);
    const client = await openBridge(h);

    client.ws.send('this is not json');
    client.ws.send(JSON.stringify({ id: 'seven', channel: 'query:shards', args: ['p'] }));
    client.ws.send(JSON.stringify([1, 2, 3]));
    client.ws.send(Buffer.from('{"id": 9}'), { binary: true });
    await new Promise<void>((resolve, reject) => {
      const t = setInterval(() => {
        if (client.inbox.length >= 4) {
          clearInterval(t);
          resolve();
        }
      }, 10);
      setTimeout(() => {
        clearInterval(t);
        reject(new Error(`only ${client.inbox.length} answers`));
      }, 5000);
    });
    for (const m of client.inbox.slice(0, 4)) {
      expect(m).toMatchObject({ id: -1, result: { ok: false, error: { code: 'bad-request' } } });
    }
    // None of them reached the core.
    expect(core.calls).toEqual([]);

    // Unknown channels and bad arguments are the core's to refuse; the bridge passes them on.
    client.ws.send(JSON.stringify({ id: 5, channel: 'query:nothing', args: [] }));
    expect(await client.next(answerTo(5))).toMatchObject({ result: { ok: false } });
    client.ws.send(JSON.stringify({ id: 6, channel: 'query:shards', args: ['p1'] }));
    expect(await client.next(answerTo(6))).toEqual({
      id: 6,
      result: { ok: true, value: { seq: 3, shards: [] } },
    });
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
    expect(h.clientCount()).toBe(1);

    core.emit({ seq: 4, notices: [] });
    expect(await client.next((m) => 'event' in m)).toEqual({
      event: 'event:delta',
      payload: { seq: 4, notices: [] },
    });
  });

  it('sends shard columns, pushed or paged, as plain lists the page decodes, a missing rate as none', async () => {
    const views = [makeShardView(7), makeShardView(9, { recvRate: 2.5 })];
    const core = {
      ...fakeCore(),
      handle: async (): Promise<ApiResult<unknown>> =>
        apiOk({ seq: 3, shards: encodeShards(views), next: null }),
    };
    const h = await serve(core);
    const client = await openBridge(h);
    client.ws.send(JSON.stringify({ id: 1, channel: 'query:shards', args: ['p'] }));
    const answer = (await client.next(answerTo(1))) as { result: { value: ShardPage } };
    expect(answer.result.value.shards.sendPing).toEqual([1007, 1009]);
    expect(decodeShards(answer.result.value.shards)).toEqual(views);

    // The core makes typed arrays (shared/shard-columns.ts); JSON alone would write them as objects.
    const shards = encodeShards(views);
    expect(shards.id).toBeInstanceOf(Float64Array);
    core.emit({
      seq: 5,
      shards: [{ profileId: 'p', shards, removed: [], replace: false, more: false }],
    });
    const m = await client.next((x) => 'event' in x);
    const push = (m as { payload: AppDelta }).payload.shards?.[0];
    expect(push?.shards.id).toEqual([7, 9]);
    expect(push?.shards.recvRate).toEqual([null, 2.5]);
    expect(decodeShards(push?.shards ?? encodeShards([]))).toEqual(views);
  });

  it('closing the server drops bridge clients and stops listening', async () => {
    const core = fakeCore();
    const h = await createServeServer({ core, staticDir: staticDir(), port: 0, token: TOKEN });
    const client = await openBridge(h);
    const closed = new Promise<void>((resolve) => client.ws.once('close', () => resolve()));
    await h.close();
    await closed;
    expect(await upgradeStatus(bridgeUrl(h), { origin: h.origin })).toBe(-1);
  });
});
