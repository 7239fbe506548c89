/**
 * A renamed or deleted profile's series leave the scrape: Prometheus would
 * otherwise keep showing the old name (or a deleted profile) next to the new
 * one. The core is a stand-in that sends the profile list as the real one
 * does (`event:delta`), and has no snapshot to offer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Metrics, MetricsCore } from '../../../../electron/core/metrics/metrics';
import { createMetrics } from '../../../../electron/core/metrics/metrics';

type Delta = Parameters<Parameters<MetricsCore['on']>[1]>[0];

let metrics: Metrics | null = null;
afterEach(() => {
  metrics?.dispose();
  metrics = null;
});

/** Metrics attached to a stand-in core; `profiles` sends a new profile list. */
function attached(): { m: Metrics; profiles: (list: Array<{ id: string; name: string }>) => void } {
  const m = createMetrics({ token: 'the-metrics-token-0123456789abcdef' });
  metrics = m;
  let listener: ((d: Delta) => void) | null = null;
  const noAnswer = async () => ({
    ok: false as const,
    error: { code: 'internal', message: 'none' },
  });
  const core = {
    api: { 'query:snapshot': noAnswer, 'query:uptime': noAnswer },
    on: (_event: 'event:delta', l: (d: Delta) => void) => {
      listener = l;
      return () => {
        listener = null;
      };
    },
  } as unknown as MetricsCore;
  m.attach(core);
  return { m, profiles: (list) => listener?.({ profiles: list } as unknown as Delta) };
}

/** The lines of the scrape that name profile `id`. */
async function seriesOf(m: Metrics, id: string): Promise<string[]> {
  return (await m.text()).split('\n').filter((l) => l.includes(`profile_id="${id}"`));
}

describe('metrics of a renamed or deleted profile', () => {
  it('a rename moves the series to the new name; the old name is gone', async () => {
    const { m, profiles } = attached();
    profiles([
      { id: 'p1', name: 'Prod' },
      { id: 'p2', name: 'Staging' },
    ]);
    m.observePing('p1', 12);
    m.observePing('p1', null);
    m.observePing('p1', 30, true);
    m.observeThrottle('p1', 'frames');
    m.observePing('p2', 20);
    expect((await seriesOf(m, 'p1')).every((l) => l.includes('profile="Prod"'))).toBe(true);

    profiles([
      { id: 'p1', name: 'Production' },
      { id: 'p2', name: 'Staging' },
    ]);
    m.observePing('p1', 15);
    const p1 = await seriesOf(m, 'p1');
    expect(p1.filter((l) => l.includes('profile="Prod"'))).toEqual([]);
    expect(p1).toContain(
      'shardwatch_ping_rtt_seconds_count{profile="Production",profile_id="p1"} 1',
    );
    // The other profile keeps its figures.
    expect(await seriesOf(m, 'p2')).toContain(
      'shardwatch_ping_rtt_seconds_count{profile="Staging",profile_id="p2"} 1',
    );
  });

  it('a deleted profile has no series left; the others keep theirs', async () => {
    const { m, profiles } = attached();
    profiles([
      { id: 'p1', name: 'Prod' },
      { id: 'p2', name: 'Staging' },
    ]);
    m.observePing('p1', 12);
    m.observePing('p1', null);
    m.observePing('p1', 30, true);
    m.observeThrottle('p1', 'ping-answers');
    m.observePing('p2', 20);
    profiles([{ id: 'p2', name: 'Staging' }]);
    expect(await seriesOf(m, 'p1')).toEqual([]);
    expect(await seriesOf(m, 'p2')).toContain(
      'shardwatch_ping_rtt_seconds_count{profile="Staging",profile_id="p2"} 1',
    );
  });
});
