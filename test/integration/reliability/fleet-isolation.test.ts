/**
 * 50 profiles in one core over real loopback sockets: 49 on a steady
 * simulator (20 ms ping latency), one on a simulator in the `drop` scenario
 * that keeps killing its sockets. Everything (core, connections, both
 * simulators) runs on one stepping fake clock, advanced timer by timer only
 * once every frame to the steady simulator has arrived, so the steady
 * profiles' RTTs are exact.
 *
 * The flapping gateway must not disturb the others: every steady profile
 * shows exactly 20 ms on every ping, no loss, no reconnect, no incident.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createGatewayConnection } from '../../../electron/core/gateway/connection';
import type { GatewayConnection, GatewayState } from '../../../electron/core/gateway/connection';
import { createSimulator, DEFAULT_SIM_CREDENTIALS } from '../../../electron/sim/simulator';
import type { AppSnapshot } from '../../../shared/app-state';
import type { Incident } from '../../../shared/incident-model';
import type { CoreHarness } from '../../reliability/core-harness';
import { profileInput, startCore, tempDirs } from '../../reliability/core-harness';
import {
  createSteppingClock,
  leftoverResources,
  size,
  tcpCounts,
  timeoutFor,
  waitUntil,
  watchCrashes,
} from '../../reliability/support';
import { useScorecard } from '../../reliability/use-scorecard';

const card = useScorecard('fleet-isolation');
const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const STEADY = 49;
const LATENCY = 20;
const RUN_MS = size(90_000, 900_000);
const TRANSITIONAL: ReadonlySet<GatewayState> = new Set([
  'connecting',
  'handshaking',
  'registering',
]);

describe('one gateway flapping hard among 50 profiles', () => {
  it(
    "the other 49 profiles' latency figures and alerts are unaffected",
    async () => {
      const crashes = watchCrashes();
      const baseline = tcpCounts();
      const clock = createSteppingClock();
      const creds = DEFAULT_SIM_CREDENTIALS;
      const steady = await createSimulator({
        clock,
        random: 1,
        latencyMs: LATENCY,
        shardCount: 4,
        shardInfoIntervalMs: 1000,
      });
      const flappy = await createSimulator({
        clock,
        random: 2,
        shardCount: 4,
        scenario: 'drop',
        dropProbability: 0.5,
      });
      const steadyConns: GatewayConnection[] = [];
      const flappyConns: GatewayConnection[] = [];
      let h: CoreHarness | null = null;
      h = await startCore({
        dataDir: dirs.make(),
        clock,
        historyFile: null,
        keepDeltas: false,
        connectionFactory: (o) => {
          const c = createGatewayConnection({ ...o, backoff: { initialMs: 20, maxMs: 200 } });
          (o.url === steady.url ? steadyConns : flappyConns).push(c);
          return c;
        },
      });
      const core = h.core;
      const common = {
        botId: creds.botId,
        publicKey: creds.publicKey,
        secret: creds.secret,
        // READY arrives without the stepping clock moving; a first ping answer would not.
        monitorMode: 'register' as const,
        shardTotal: 4,
        pingIntervalMs: 1000,
        pingTimeoutMs: 2000,
      };
      const ids: string[] = [];
      for (let i = 0; i < STEADY; i++) {
        const r = await core.handle('command:create-profile', [
          profileInput({ ...common, name: `Steady ${i}`, url: steady.url }),
        ]);
        if (!r.ok) throw new Error(r.error.message);
        ids.push((r.value as { id: string }).id);
      }
      const flapR = await core.handle('command:create-profile', [
        profileInput({ ...common, name: 'Flappy', url: flappy.url }),
      ]);
      if (!flapR.ok) throw new Error(flapR.error.message);
      const flapId = (flapR.value as { id: string }).id;

      const steadyCounts = () => {
        let out = 0;
        let inn = 0;
        for (const c of steadyConns) {
          const s = c.snapshot();
          out += s.framesOut;
          inn += s.framesIn;
        }
        const st = steady.stats();
        return { outGap: out - st.framesReceived, inGap: st.framesSent + st.garbageSent - inn };
      };
      const quiet = () => {
        if (steadyConns.some((c) => TRANSITIONAL.has(c.state))) return false;
        const g = steadyCounts();
        return g.outGap === 0 && g.inGap === 0;
      };
      await waitUntil(
        () => steadyConns.length === STEADY && steadyConns.every((c) => c.state === 'ready'),
        'every steady profile ready',
        10_000,
      );
      const end = clock.now() + RUN_MS;
      let steps = 0;
      for (;;) {
        await waitUntil(quiet, `the steady wire quiet at t=${clock.now()}`);
        const next = clock.nextDueAt();
        if (next === null || next > end) break;
        clock.advance(next - clock.now());
        steps++;
      }
      await waitUntil(quiet, 'the steady wire quiet');

      const snapR = await core.handle('query:snapshot', []);
      if (!snapR.ok) throw new Error(snapR.error.message);
      const snap = snapR.value as AppSnapshot;
      const incR = await core.handle('query:incidents', [null, 10_000]);
      if (!incR.ok) throw new Error(incR.error.message);
      const incidents = incR.value as Incident[];

      const steadyProblems: string[] = [];
      let steadyPings = 0;
      for (const id of ids) {
        const st = snap.status[id];
        if (!st) {
          steadyProblems.push(`${id}: no status`);
          continue;
        }
        const l = st.latency['15m'];
        steadyPings += l.count;
        if (st.state !== 'ready') steadyProblems.push(`${id}: ${st.state}`);
        if (l.lost !== 0) steadyProblems.push(`${id}: ${l.lost} lost`);
        if (l.count < RUN_MS / 1000 - 2) steadyProblems.push(`${id}: only ${l.count} pings`);
        if (l.min !== LATENCY || l.max !== LATENCY)
          steadyProblems.push(`${id}: RTT ${l.min}–${l.max} ms`);
        if (st.counters.reconnects !== 0)
          steadyProblems.push(`${id}: ${st.counters.reconnects} reconnects`);
        if (st.openIncidents !== 0)
          steadyProblems.push(`${id}: ${st.openIncidents} open incidents`);
      }
      const onSteady = incidents.filter((i) => i.profileId !== flapId);
      const flapStatus = snap.status[flapId];

      card.add('faultsInjected', flappy.stats().dropped);
      card.add('wrongRtts', steadyProblems.filter((p) => p.includes('RTT')).length);
      card.detail('profiles', STEADY + 1);
      card.detail('simulated seconds', RUN_MS / 1000);
      card.detail('clock steps', steps);
      card.detail('steady pings measured', steadyPings);
      card.detail('flapping gateway: sockets dropped', flappy.stats().dropped);
      card.detail('flapping profile: reconnects', flapStatus?.counters.reconnects ?? 0);
      card.detail('flapping profile: incidents', incidents.length - onSteady.length);
      card.detail('incidents on steady profiles', onSteady.length);

      expect(steadyProblems).toEqual([]);
      expect(onSteady).toEqual([]);
      expect(steady.stats().connectionsTotal).toBe(STEADY);
      expect(flappy.stats().dropped).toBeGreaterThan(20);
      expect(flapStatus?.counters.reconnects ?? 0).toBeGreaterThan(10);

      await h.dispose();
      await steady.stop();
      await flappy.stop();
      const left = await leftoverResources(baseline);
      expect(clock.pendingCount()).toBe(0);
      card.add('leaks', left.sockets + left.servers + left.timers + clock.pendingCount());
      expect(left).toEqual({ sockets: 0, servers: 0, timers: 0 });
      crashes.dispose();
      card.add('crashes', crashes.errors.length);
      expect(crashes.errors).toEqual([]);
    },
    timeoutFor(60_000, 900_000),
  );
});
