/**
 * Dialect detection (docs/protocol.md §5): connect as the shard master, read
 * what the gateway says first, and decide which dialect it speaks.
 *
 * It never registers and never sends a frame that could break either
 * dialect: nothing at all is sent until the gateway's HELLO proves it is an
 * http-interaction 0.2.2 server, and then only that server's own ping (a
 * gzip-framed type 2), which also tells whether the bot has registered.
 * No WebSocket control frame is sent, and the socket is destroyed at the end,
 * never closed with a close frame.
 */
import type WebSocket from 'ws';
import type { Clock, TimerHandle } from '../../../shared/clock';
import { systemClock } from '../../../shared/clock';
import { httpRefusal } from '../../../shared/connection-text';
import { sayEnglish, type Say } from '../../../shared/i18n/translator';
import { HTTP_INTERACTION_022 } from '../../../shared/dialects';
import type { DialectDetection } from '../../../shared/command-results';
import type { Dialect } from '../../../shared/protocol';
import { GATEWAY_EVENTS } from '../../../shared/protocol';
import { decodeFrame, encodeFrame } from './codec';
import type { StateKind } from './connection-types';
import { dialectOfHello, is022ErrorBody } from './dialect-evidence';
import { classifyClose, seconds, serverMessageOf } from './failures';
import type { GatewayIdentity } from './options';
import { displayUrl, resolveGatewayOptions } from './options';
import { createSocketRetirer, openGatewaySocket } from './socket';

/** Options of {@link detectDialect}. */
export interface DetectOptions {
  url: string;
  /** `shardIn` is sent as given; only 0 is accepted, as for a connection. */
  identity: GatewayIdentity;
  clock?: Clock;
  /** How long to wait for the gateway's first word, and then for a ping answer (default 5000). */
  timeoutMs?: number;
  /** Words the summary and the evidence in the user's language; English by default. */
  say?: Say;
}

/** {@link DialectDetection} plus what the CLI needs to choose an exit code. */
export interface DetectionResult extends DialectDetection {
  /** Why nothing could be learned, when the connection failed. */
  failure: StateKind | null;
  httpStatus: number | null;
}

/**
 * Find out which dialect a gateway speaks. Rejects with `GatewayOptionsError`
 * for invalid options (as a connection would); otherwise always resolves.
 */
export async function detectDialect(options: DetectOptions): Promise<DetectionResult> {
  // Validated as a ping-only connection would be: the rules on the URL and
  // the identity do not depend on the dialect, except the 0.2.2 key shape.
  const opts = resolveGatewayOptions({
    url: options.url,
    dialect: 'documented',
    identity: options.identity,
    flags: 0,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? 5000;
  const say = options.say ?? sayEnglish;
  const urlText = displayUrl(opts.url);
  // The 0.2.2 spec: no control frames at all (no auto-pong, no close frame).
  const retirer = createSocketRetirer(clock, HTTP_INTERACTION_022);

  return new Promise((resolve) => {
    let ws: WebSocket | null = null;
    let timer: TimerHandle | null = null;
    let opened = false;
    let messages = 0;
    let lastError: (Error & { code?: string }) | null = null;
    let hello022 = false;
    let done = false;

    function finish(r: Omit<DetectionResult, 'httpStatus' | 'failure'> & Partial<DetectionResult>) {
      if (done) return;
      done = true;
      clock.clearTimeout(timer);
      if (ws) retirer.retire(ws, false);
      retirer.dispose();
      resolve({ failure: null, httpStatus: null, ...r });
    }

    function found(dialect: Dialect | null, summary: string, evidence: string[], more = {}) {
      finish({
        dialect,
        summary,
        evidence,
        credentialsAccepted: null,
        botRegistered: null,
        ...more,
      });
    }

    function wait(ms: number, onTimeout: () => void): void {
      clock.clearTimeout(timer);
      timer = clock.setTimeout(onTimeout, ms);
    }

    function onHello022(): void {
      hello022 = true;
      // The one frame this server reads safely, and what a monitor sends anyway.
      ws?.send(encodeFrame(HTTP_INTERACTION_022, { type: HTTP_INTERACTION_022.pingOpcode }));
      wait(timeoutMs, () =>
        found(
          'http-interaction-0.2.2',
          say('detect.accepted022Waiting', { waiting: say('connection.waitingForBot') }),
          [
            say('detect.evidence.zlibHello022'),
            say('detect.evidence.pingUnanswered', { seconds: seconds(timeoutMs) }),
          ],
          { credentialsAccepted: true, botRegistered: false },
        ),
      );
    }

    function onMessage(data: WebSocket.RawData, isBinary: boolean): void {
      messages++;
      const r = decodeFrame(data, isBinary);
      if (!r.ok) return;
      const m = r.message;
      if (hello022) {
        if (m.event !== GATEWAY_EVENTS.PING) return;
        return found(
          'http-interaction-0.2.2',
          say('detect.accepted022Registered'),
          [
            say('detect.evidence.zlibHello022'),
            'A ping (type 2, gzip) was answered with GATEWAY_PING.',
          ],
          { credentialsAccepted: true, botRegistered: true },
        );
      }
      if (m.event === GATEWAY_EVENTS.NO_IDENTIFIED) {
        return found(
          'documented',
          say('detect.documentedRefused', { refused: say('connection.credentialsRefused') }),
          [say('detect.evidence.refusedDocumented')],
          { credentialsAccepted: false },
        );
      }
      const seems = dialectOfHello(m, r.encoding);
      if (seems === 'http-interaction-0.2.2') return onHello022();
      if (seems === 'documented') {
        return found(
          'documented',
          say('detect.documentedHello'),
          [say('detect.evidence.helloFraming', { encoding: r.encoding })],
          { credentialsAccepted: true },
        );
      }
      found(null, say('detect.unknown'), [
        say('detect.evidence.firstFrame', {
          encoding: r.encoding,
          event: m.event ?? say('detect.evidence.frameType', { type: m.type }),
        }),
      ]);
    }

    function onClose(code: number, reason: string): void {
      if (hello022) {
        return found(
          'http-interaction-0.2.2',
          say('detect.closed022'),
          [say('detect.evidence.zlibHello022')],
          { credentialsAccepted: true },
        );
      }
      const f = classifyClose(
        {
          spec: HTTP_INTERACTION_022,
          urlText,
          opened,
          messages,
          code,
          reason,
          error: lastError,
          serverSaid: null,
          registering: false,
        },
        say,
      );
      if (f.kind === 'auth-refused') {
        return finish({
          dialect: 'http-interaction-0.2.2',
          summary: say('detect.refused022', { refused: say('connection.credentialsRefused') }),
          evidence: [say('detect.evidence.bareClose')],
          credentialsAccepted: false,
          botRegistered: null,
          failure: 'auth-refused',
        });
      }
      const text = f.kind === 'dropped' ? say('connection.droppedBeforeAnswer') : f.text;
      finish({
        dialect: null,
        summary: say('detect.notDetected', { what: text }),
        evidence: [
          opened
            ? say('detect.evidence.closedWithCode', { code })
            : say('detect.evidence.noUpgrade'),
        ],
        credentialsAccepted: null,
        botRegistered: null,
        failure: f.kind,
      });
    }

    try {
      ws = openGatewaySocket(opts.url, opts.identity, HTTP_INTERACTION_022, {
        onOpen: () => {
          opened = true;
          // A documented gateway may say nothing before a register; 0.2.2
          // always sends HELLO within milliseconds of the upgrade.
          wait(timeoutMs, () =>
            found('documented', say('detect.noHello', { seconds: seconds(timeoutMs) }), [
              say('detect.evidence.upgradeAccepted'),
              say('detect.evidence.noHello'),
            ]),
          );
        },
        onMessage,
        onHttpError: (status, statusText, body) => {
          const is022 = is022ErrorBody(body);
          finish({
            dialect: is022 ? 'http-interaction-0.2.2' : null,
            summary: say(is022 ? 'detect.httpBody022' : 'detect.notDetected', {
              what: httpRefusal(status, statusText, serverMessageOf(body), say),
            }),
            evidence: [say('detect.evidence.httpInstead', { status })],
            credentialsAccepted: null,
            botRegistered: null,
            failure: 'http-error',
            httpStatus: status,
          });
        },
        onError: (err) => {
          lastError = err;
        },
        onClose,
      });
    } catch (err) {
      found(null, say('detect.couldNotStart', { url: urlText, why: (err as Error).message }), []);
      return;
    }
    wait(opts.phaseTimeoutMs, () =>
      finish({
        dialect: null,
        summary: say('connection.noUpgradeAnswer', {
          url: urlText,
          seconds: seconds(opts.phaseTimeoutMs),
        }),
        evidence: [],
        credentialsAccepted: null,
        botRegistered: null,
        failure: 'timeout',
      }),
    );
  });
}
