/**
 * Browser mode's session: the printed token is traded for an HttpOnly,
 * SameSite=Strict cookie that alone opens the page and the bridge, survives
 * a restart (its secret is kept in the data folder, owner-only), and gives
 * nothing to a cross-site page, a wrong Origin or Host, or a cookie name
 * without the right value.
 */
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { apiError } from '../../../shared/api';
import { BRIDGE_PATH, TOKEN_PARAM } from '../../../shared/bridge';
import { createServeServer } from '../../../electron/serve/server';
import type { BridgeCore, ServeHandle } from '../../../electron/serve/server';
import {
  SESSION_COOKIE,
  SESSION_SECRET_FILE,
  loadSessionSecret,
  sessionCookieHeader,
  sessionValue,
} from '../../../electron/serve/session';
import { makeTempDir, removeTempDir } from '../../support/temp-dir';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

const core: BridgeCore = {
  handle: async () => apiError('bad-request', 'not used'),
  on: () => () => {},
};

function folder(): string {
  const dir = makeTempDir('shardwatch-session-');
  cleanups.push(() => removeTempDir(dir));
  return dir;
}

async function serve(dataDir: string, port = 0): Promise<ServeHandle> {
  const staticDir = join(dataDir, 'renderer');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<title>page</title>');
  const h = await createServeServer({
    core,
    staticDir,
    port,
    sessionSecret: loadSessionSecret(dataDir),
  });
  cleanups.push(() => h.close());
  return h;
}

function get(
  h: ServeHandle,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: h.port, path, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function upgrade(h: ServeHandle, headers: Record<string, string>, origin = h.origin) {
  return new Promise<number>((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${h.port}${BRIDGE_PATH}`, { origin, headers });
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

const tokenOf = (h: ServeHandle) => new URL(h.url).searchParams.get(TOKEN_PARAM) ?? '';

describe('browser-mode session', () => {
  it('trades the token for an HttpOnly, SameSite=Strict cookie that alone opens page and bridge', async () => {
    const h = await serve(folder());
    const first = await get(h, `/?${TOKEN_PARAM}=${tokenOf(h)}`);
    expect(first.status).toBe(200);
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[\\w-]{43}; `));
    for (const attribute of ['HttpOnly', 'SameSite=Strict', 'Path=/'])
      expect(cookie).toContain(attribute);
    const jar = cookie.split(';')[0] as string;
    expect(cookie).not.toContain(tokenOf(h));

    const again = await get(h, '/', { cookie: jar });
    expect(again.status).toBe(200);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(await upgrade(h, { cookie: jar })).toBe(101);
  });

  it('survives a restart: same folder, new token, same cookie; the old token is dead', async () => {
    const dir = folder();
    const one = await serve(dir);
    const oldToken = tokenOf(one);
    const jar = String(
      (await get(one, `/?${TOKEN_PARAM}=${oldToken}`)).headers['set-cookie'],
    ).split(';')[0] as string;
    const port = one.port;
    await one.close();
    const two = await serve(dir, port);
    expect(tokenOf(two)).not.toBe(oldToken);
    expect((await get(two, '/', { cookie: jar })).status).toBe(200);
    expect(await upgrade(two, { cookie: jar })).toBe(101);
    expect((await get(two, `/?${TOKEN_PARAM}=${oldToken}`)).status).toBe(401);
    // The secret is the user's alone.
    expect(statSync(join(dir, SESSION_SECRET_FILE)).mode & 0o777).toBe(0o600);
  });

  it('gives nothing to a cookie name without its value, a wrong value, or another folder’s session', async () => {
    const dir = folder();
    const h = await serve(dir);
    const ownValue = sessionValue(loadSessionSecret(dir));
    const otherJar = `${SESSION_COOKIE}=${sessionValue(loadSessionSecret(folder()))}`;
    for (const cookie of [
      `${SESSION_COOKIE}=`,
      `${SESSION_COOKIE}`,
      `${SESSION_COOKIE}=x`,
      otherJar,
      // A prefix of this folder's own session value, or the value with more after it.
      `${SESSION_COOKIE}=${ownValue.slice(0, 8)}`,
      `${SESSION_COOKIE}=${ownValue.slice(0, -1)}`,
      `${SESSION_COOKIE}=${ownValue}x`,
      `other=1; ${SESSION_COOKIE}=${'A'.repeat(43)}`,
    ]) {
      expect((await get(h, '/', { cookie })).status, cookie).toBe(401);
      expect(await upgrade(h, { cookie }), cookie).toBe(401);
    }
  });

  it('refuses a cross-site page and a foreign Host even with the right cookie', async () => {
    const h = await serve(folder());
    const jar = String(
      (await get(h, `/?${TOKEN_PARAM}=${tokenOf(h)}`)).headers['set-cookie'],
    ).split(';')[0] as string;
    expect(await upgrade(h, { cookie: jar }, 'http://evil.example')).toBe(403);
    expect(await upgrade(h, { cookie: jar }, `http://127.0.0.1:${h.port + 1}`)).toBe(403);
    expect((await get(h, '/', { cookie: jar, host: `evil.example:${h.port}` })).status).toBe(421);
  });

  it('opens with the session cookie wherever it sits in the header, and only under its own name', async () => {
    const dir = folder();
    const h = await serve(dir);
    const value = sessionValue(loadSessionSecret(dir));
    for (const cookie of [
      `theme=dark; ${SESSION_COOKIE}=${value}`,
      `${SESSION_COOKIE}=${value}; theme=dark`,
    ]) {
      expect((await get(h, '/', { cookie })).status, cookie).toBe(200);
      expect(await upgrade(h, { cookie }), cookie).toBe(101);
    }
    for (const cookie of [`other=${value}`, `${SESSION_COOKIE}x=${value}`]) {
      expect((await get(h, '/', { cookie })).status, cookie).toBe(401);
      expect(await upgrade(h, { cookie }), cookie).toBe(401);
    }
  });

  it('keeps signed-in browsers signed in across versions: same key file, same cookie', () => {
    // A key file as an earlier version wrote it, and the cookie that version
    // handed out for it. A change of the cookie's name or derivation would
    // sign every browser out after an update.
    const dir = folder();
    writeFileSync(join(dir, SESSION_SECRET_FILE), 'BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc\n', {
      mode: 0o600,
    });
    const secret = loadSessionSecret(dir);
    expect(secret.equals(Buffer.alloc(32, 7))).toBe(true);
    expect(sessionCookieHeader(secret).split(';')[0]).toBe(
      'shardwatch_session=Hig74-63R15zpNp-bxLxJI1x-sdGc-_KRvNeatxZmXY',
    );
  });

  it('replaces a key file too short to be a key, and makes a readable one owner-only', () => {
    const dir = folder();
    const file = join(dir, SESSION_SECRET_FILE);
    writeFileSync(file, 'c2hvcnQ\n', { mode: 0o600 });
    const made = loadSessionSecret(dir);
    expect(made.length).toBe(32);
    expect(readFileSync(file, 'utf8').trim()).toBe(made.toString('base64url'));

    writeFileSync(file, `${Buffer.alloc(32, 9).toString('base64url')}\n`);
    chmodSync(file, 0o644);
    expect(loadSessionSecret(dir).equals(Buffer.alloc(32, 9))).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('keeps one secret per data folder', () => {
    const dir = folder();
    expect(loadSessionSecret(dir).equals(loadSessionSecret(dir))).toBe(true);
  });
});
