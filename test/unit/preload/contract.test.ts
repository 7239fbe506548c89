/**
 * Both transports expose exactly the contract (docs/architecture.md §3.1): the preload's
 * lists equal API_CHANNELS / API_EVENT_CHANNELS (preload.test.ts), and the
 * browser-mode bridge routes every contract channel through `core.handle` and
 * forwards every contract event.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ApiEventChannel, ApiEvents, ApiResult } from '../../../shared/api';
import { API_CHANNELS, API_EVENT_CHANNELS, apiOk } from '../../../shared/api';
import type { BridgeServerMessage } from '../../../shared/bridge';
import { BRIDGE_PATH, TOKEN_PARAM } from '../../../shared/bridge';
import type { BridgeCore, ServeHandle } from '../../../electron/serve/server';
import { createServeServer } from '../../../electron/serve/server';
import { makeTempDir, removeTempDir } from '../../support/temp-dir';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function fakeCore() {
  const handled: Array<{ channel: unknown; args: unknown }> = [];
  const listeners = new Map<ApiEventChannel, Set<(p: unknown) => void>>();
  const core: BridgeCore & { emit<E extends ApiEventChannel>(e: E, p: ApiEvents[E]): void } = {
    async handle(channel, args): Promise<ApiResult<unknown>> {
      handled.push({ channel, args });
      return apiOk({ echo: channel });
    },
    on(event, l) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(l as (p: unknown) => void);
      return () => set.delete(l as (p: unknown) => void);
    },
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
  };
  return { core, handled };
}

async function connect(
  server: ServeHandle,
  token: string,
): Promise<{ ws: WebSocket; messages: BridgeServerMessage[] }> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}${BRIDGE_PATH}?${TOKEN_PARAM}=${token}`);
  const messages: BridgeServerMessage[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(String(d)) as BridgeServerMessage));
  await new Promise<void>((ok, fail) => {
    ws.once('open', () => ok());
    ws.once('error', fail);
  });
  cleanup.push(() => ws.close());
  return { ws, messages };
}

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('browser-mode bridge exposes the same contract', () => {
  it('routes every API_CHANNELS entry through core.handle and forwards every event', async () => {
    const staticDir = makeTempDir('shardwatch-contract-');
    cleanup.push(() => removeTempDir(staticDir));
    const { core, handled } = fakeCore();
    const token = 'contract-test-token';
    const server = await createServeServer({ core, staticDir, token });
    cleanup.push(() => server.close());
    const { ws, messages } = await connect(server, token);

    API_CHANNELS.forEach((channel, i) => ws.send(JSON.stringify({ id: i + 1, channel, args: [] })));
    await until(() => messages.filter((m) => 'id' in m).length === API_CHANNELS.length);
    expect(handled.map((h) => h.channel)).toEqual([...API_CHANNELS]);
    for (const [i, channel] of API_CHANNELS.entries()) {
      expect(messages.find((m) => 'id' in m && m.id === i + 1)).toEqual({
        id: i + 1,
        result: apiOk({ echo: channel }),
      });
    }

    core.emit('event:delta', { seq: 7 });
    core.emit('event:open', { profileId: 'p', shardId: 1 });
    await until(() => messages.filter((m) => 'event' in m).length === API_EVENT_CHANNELS.length);
    expect(
      messages.filter((m) => 'event' in m).map((m) => ('event' in m ? m.event : null)),
    ).toEqual([...API_EVENT_CHANNELS]);
  });
});
