/**
 * "Add a simulator profile": one click gives a new user a second, working
 * profile of their own, which survives a restart and goes away cleanly.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCAL_SIMULATORS_FILE } from '../../../electron/core/local-simulators';
import { createMemoryCipher } from '../../../electron/core/profiles/secret-cipher';
import { startDemoGateway } from '../../../electron/sim/demo';
import type { DemoGateway } from '../../../shared/demo-gateway';
import { errorOf, startCore, tempDir, unwrap, waitFor, waitForStatus } from './helpers';

function recordingStarter(): { start: () => Promise<DemoGateway>; stopped: () => number } {
  let stopped = 0;
  return {
    start: async () => {
      const g = await startDemoGateway({ shardCount: 4, outages: false });
      return {
        url: g.url,
        profileInput: () => g.profileInput(),
        stop: async () => {
          stopped++;
          await g.stop();
        },
      };
    },
    stopped: () => stopped,
  };
}

describe('local simulator profiles', () => {
  it('adds a connected profile with its own name and colour, restarts its simulator with the app, stops it on delete', async () => {
    const dataDir = tempDir();
    const starter = recordingStarter();
    // One cipher for both runs, as one machine's key would be.
    const cipher = createMemoryCipher();
    const first = await startCore({ dataDir, cipher, startSimulator: starter.start });
    const a = unwrap(await first.core.api['command:add-simulator-profile']());
    const b = unwrap(await first.core.api['command:add-simulator-profile']());
    expect(a.name).toBe('Local simulator');
    expect(b.name).toBe('Local simulator 2');
    expect(a.color).not.toBe(b.color);
    expect(a.demo).toBe(false);
    expect(a.hasSecret && a.hasPublicKey).toBe(true);
    await waitForStatus(
      first.core,
      a.id,
      'ready with pings',
      (s) => s.state === 'ready' && s.latency['1m'].count > 0,
    );
    await waitForStatus(first.core, b.id, 'ready', (s) => s.state === 'ready');
    expect(JSON.parse(readFileSync(join(dataDir, LOCAL_SIMULATORS_FILE), 'utf8'))).toEqual([
      a.id,
      b.id,
    ]);
    await first.dispose();
    expect(starter.stopped()).toBe(2);

    // A new run starts the simulators again and points the profiles at them.
    const second = await startCore({ dataDir, cipher, startSimulator: starter.start });
    await waitForStatus(second.core, a.id, 'ready again', (s) => s.state === 'ready');
    unwrap(await second.core.api['command:delete-profile'](b.id));
    await waitFor('its simulator to stop', () => starter.stopped() === 3);
    expect(JSON.parse(readFileSync(join(dataDir, LOCAL_SIMULATORS_FILE), 'utf8'))).toEqual([a.id]);
  });

  it('says what to do instead when no simulator can be started', async () => {
    const f = await startCore();
    const e = errorOf(await f.core.api['command:add-simulator-profile']());
    expect(e.message).toContain('npx shardwatch sim');
    expect(existsSync(join(f.dataDir, LOCAL_SIMULATORS_FILE))).toBe(false);
  });
});
