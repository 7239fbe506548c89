/**
 * The `waiting-for-bot` rule (electron/core/alerts/waiting-rule.ts, wired
 * into the alert engine): a ping-only monitor whose gateway answers no ping
 * because the bot has not registered. Off by default; raises after the
 * configured time; the gateway itself is not "lost" meanwhile.
 */
import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../../shared/connection-state';
import { WAITING_FOR_BOT } from '../../../../shared/connection-text';
import { createHarness } from './fixtures';

function connection(h: ReturnType<typeof createHarness>, state: ConnectionState): void {
  h.engine.evaluate('p1', {
    kind: 'connection',
    profile: h.profile,
    state,
    problem: null,
    detail: null,
  });
}

describe('waiting for the bot', () => {
  it('off by default: hours of waiting raise nothing, and connection-lost stays quiet', () => {
    const h = createHarness({ raiseAfter: 3 });
    connection(h, 'waiting');
    h.tick(3 * 3600);
    expect(h.engine.openCount()).toBe(0);
    expect(h.notifier.notifications).toEqual([]);
  });

  it('when on, raises once the waiting has lasted the configured time, and clears when ready', () => {
    const h = createHarness({
      waitingForBot: true,
      waitingForBotAfterMs: 5 * 60_000,
      clearAfter: 2,
    });
    connection(h, 'waiting');
    h.tick(299);
    expect(h.engine.openCount()).toBe(0);
    h.tick(1);
    const [opened] = h.changes('waiting-for-bot', 'open');
    expect(opened).toMatchObject({
      severity: 'warning',
      title: 'bot not registered with the gateway',
    });
    expect(opened?.body).toContain(WAITING_FOR_BOT);
    expect(opened?.body).toContain('for 5 min');
    expect(h.notifier.notifications).toHaveLength(1);
    // Only this rule: the gateway is up.
    expect(h.engine.incidents().map((i) => i.rule)).toEqual(['waiting-for-bot']);

    connection(h, 'ready');
    h.tick(2);
    expect(h.changes('waiting-for-bot', 'close')).toHaveLength(1);
    expect(h.engine.openCount()).toBe(0);
  });

  it('the clock restarts when the waiting does; a user stop closes the incident', () => {
    const h = createHarness({ waitingForBot: true, waitingForBotAfterMs: 60_000 });
    connection(h, 'waiting');
    h.tick(50);
    connection(h, 'reconnecting');
    connection(h, 'waiting');
    h.tick(50);
    expect(h.engine.openCount()).toBe(0);
    h.tick(10);
    expect(h.engine.openCount()).toBe(1);
    connection(h, 'closed');
    expect(h.engine.openCount()).toBe(0);
  });
});
