/**
 * The connection's ping loop (gateway/ping-loop.ts) on a fake clock: losses
 * before the first answer are "waiting", not losses; a first answer after
 * them asks for a clean connection; once armed, losses count to dead.
 */
import { describe, expect, it } from 'vitest';
import { createPingLoop } from '../../../../electron/core/gateway/ping-loop';
import type { PingLoop } from '../../../../electron/core/gateway/ping-loop';
import { createTranslator } from '../../../../shared/i18n/translator';
import type { Say } from '../../../../shared/i18n/translator';
import { createFakeClock } from '../../../support/fake-clock';

function loop(armed: boolean, say?: Say) {
  const clock = createFakeClock();
  const log: string[] = [];
  let sent = 0;
  const l: PingLoop = createPingLoop({
    clock,
    intervalMs: 1000,
    timeoutMs: 1000,
    lostPingsToDead: 2,
    armed,
    send: () => {
      sent++;
      return true;
    },
    onFirstAnswer: () => log.push('first-answer'),
    onUnanswered: () => log.push('unanswered'),
    onOutcome: (o) => log.push(o.lost ? 'lost' : 'rtt'),
    onLate: (late) => log.push(late.unsolicited ? 'unsolicited' : 'late'),
    onDead: (text) => log.push(`dead: ${text}`),
    ...(say ? { say } : {}),
  });
  return { clock, log, l, sent: () => sent };
}

describe('ping loop', () => {
  it('not armed: lost pings are "unanswered", never dead, and pinging goes on', () => {
    const t = loop(false);
    t.l.start();
    for (let i = 0; i < 10; i++) t.clock.advance(2000);
    expect(t.log.every((e) => e === 'unanswered')).toBe(true);
    expect(t.log.length).toBeGreaterThanOrEqual(9);
    expect(t.sent()).toBeGreaterThanOrEqual(10);
    t.l.stop();
  });

  it('not armed: an answer to the first ping arms it, then losses count to dead', () => {
    const t = loop(false);
    t.l.start();
    t.clock.advance(5);
    t.l.answer();
    expect(t.log).toEqual(['first-answer', 'rtt']);
    t.clock.advance(995);
    t.clock.advance(1000);
    t.clock.advance(1000);
    t.clock.advance(1000);
    expect(t.log.slice(2)).toEqual([
      'lost',
      'lost',
      'dead: No answer to 2 pings in a row; the connection is presumed dead.',
    ]);
  });

  it('not armed: the first answer after losses cannot be matched, so it asks for a clean connection', () => {
    const t = loop(false);
    t.l.start();
    t.clock.advance(1000); // lost
    t.clock.advance(1000); // next ping out
    t.l.answer();
    expect(t.log[0]).toBe('unanswered');
    expect(t.log.at(-1)).toMatch(
      /^dead: The gateway answered after earlier pings had gone unanswered/,
    );
    expect(t.log).not.toContain('rtt');
    const sent = t.sent();
    t.clock.advance(10_000);
    expect(t.sent()).toBe(sent); // stopped
  });

  it("says why it gave up in the user's language", () => {
    const pt = createTranslator('pt-BR').say;
    const dead = loop(true, pt);
    dead.l.start();
    for (let i = 0; i < 3; i++) dead.clock.advance(1000);
    expect(dead.log.at(-1)).toBe(
      'dead: Nenhuma resposta a 2 pings seguidos; a conexão é considerada morta.',
    );
    const unmatched = loop(false, pt);
    unmatched.l.start();
    unmatched.clock.advance(1000);
    unmatched.clock.advance(1000);
    unmatched.l.answer();
    expect(unmatched.log.at(-1)).toMatch(/^dead: O gateway respondeu depois de pings anteriores/);
  });

  it('armed from the start (after a register): losses count at once', () => {
    const t = loop(true);
    t.l.start();
    t.clock.advance(1000);
    t.clock.advance(1000);
    t.clock.advance(1000);
    expect(t.log).toEqual([
      'lost',
      'lost',
      'dead: No answer to 2 pings in a row; the connection is presumed dead.',
    ]);
  });
});
