/**
 * Requests about connections: connect, disconnect, reconnect a profile; the
 * network going away or coming back; the editor's connection test and dialect
 * detection, which may use a saved profile's secrets only for the address
 * they were saved for (docs/architecture.md §3.7).
 */
import type { ApiResult, AppApi } from '../../../../shared/api';
import { apiError, apiOk } from '../../../../shared/api';
import type { Clock } from '../../../../shared/clock';
import type { ProfileInput, ProfileView } from '../../../../shared/profile-model';
import { detectCommand } from '../../monitor/detect-command';
import { runHandshakeTest } from '../../monitor/handshake-test';
import type { AlertEngine } from '../../alerts/alert-engine';
import type { ConnectionFactory } from '../../monitor/profile-runtime';
import type { ProfileStore } from '../../profiles/profile-store';
import { notFound } from '../../../../shared/i18n/not-found';
import { sayEnglish, type Say } from '../../../../shared/i18n/translator';
import type { RuntimeFleet } from '../runtimes';
import { MIB } from '../../../../shared/frame-limit';

/** The channels answered here. */
export type ConnectionHandlers = Pick<
  AppApi,
  | 'command:connect'
  | 'command:disconnect'
  | 'command:reconnect'
  | 'command:test-connection'
  | 'command:detect-dialect'
  | 'command:set-online'
>;

/** What the connection requests use. */
export interface ConnectionHandlerDeps {
  clock: Clock;
  profiles: Pick<ProfileStore, 'get' | 'getSecrets' | 'setEnabled'>;
  runtimes: Pick<RuntimeFleet, 'get' | 'setOnline'>;
  alerts: Pick<AlertEngine, 'snoozeState'>;
  connectionFactory?: ConnectionFactory;
  log: (line: string) => void;
  /** Words the test's verdicts in the user's language; English by default. */
  say?: Say;
}

interface TestTarget {
  fields: ProfileInput | ProfileView;
  publicKey: string;
  secret: string;
}

/** The connection requests. */
export function connectionHandlers(d: ConnectionHandlerDeps): ConnectionHandlers {
  const { clock, profiles, runtimes } = d;
  const say = d.say ?? sayEnglish;

  /** The form (or saved profile) and secrets a test or a detection connects with. */
  function testTarget(
    input: ProfileInput | undefined,
    profileId: string | undefined,
  ): ApiResult<TestTarget> {
    let fields: ProfileInput | ProfileView | null = input ?? null;
    let publicKey: string | null = null;
    let secret: string | null = null;
    /** Why the stored secrets were not used (saved for another address, unreadable). */
    let storedProblem: string | null = null;
    if (profileId) {
      const p = profiles.get(profileId);
      if (!p) return notFound('profile', say);
      fields = fields ?? p;
      // Stored secrets go only to the address they were saved for: a form
      // with another URL must carry its own.
      const s = profiles.getSecrets(profileId, fields.url);
      publicKey = s.publicKey;
      secret = s.secret;
      if (s.problem === 'other-address' || s.problem === 'unreadable') storedProblem = s.error;
    }
    if (!fields) return apiError('bad-request', say('request.testNeedsTarget'));
    if (input) {
      if (typeof input.publicKey === 'string') publicKey = input.publicKey;
      if (typeof input.secret === 'string') secret = input.secret;
    }
    if (!publicKey || !secret) {
      return apiError('validation', storedProblem ?? say('request.testNeedsSecrets'), {
        ...(publicKey ? {} : { publicKey: say('request.enterPublicKey') }),
        ...(secret ? {} : { secret: say('request.enterSecret') }),
      });
    }
    return apiOk({ fields, publicKey, secret });
  }

  return {
    'command:connect': async (id) => {
      const rt = runtimes.get(id);
      if (!rt) return notFound('profile', say);
      if (d.alerts.snoozeState().paused)
        return apiError('conflict', say('request.monitoringPaused'));
      // A paused profile's runtime ignores its connection's states while
      // paused, so starting it directly would connect under a "Paused"
      // badge. Un-pausing the profile starts it through reconcile().
      if (!rt.profile.enabled) {
        const r = profiles.setEnabled(id, true);
        return r.ok ? apiOk(null) : r;
      }
      rt.start();
      return apiOk(null);
    },
    'command:disconnect': async (id) => {
      const rt = runtimes.get(id);
      if (!rt) return notFound('profile', say);
      rt.stop();
      return apiOk(null);
    },
    'command:reconnect': async (id) => {
      const rt = runtimes.get(id);
      if (!rt) return notFound('profile', say);
      rt.reconnectNow();
      return apiOk(null);
    },
    'command:test-connection': async (target) => {
      const t = testTarget(target.input, target.profileId);
      if (!t.ok) return t;
      const { fields, publicKey, secret } = t.value;
      const report = await runHandshakeTest({
        clock,
        connectionFactory: d.connectionFactory,
        connection: {
          ...(d.say ? { say: d.say } : {}),
          url: fields.url,
          dialect: fields.dialect,
          identity: {
            botId: fields.botId,
            publicKey,
            secret,
            shardIn: fields.shardIn,
            shardTotal: fields.shardTotal,
          },
          flags: fields.flags,
          pingIntervalMs: fields.pingIntervalMs,
          pingTimeoutMs: fields.pingTimeoutMs,
          lostPingsToDead: fields.lostPingsToDead,
          maxFrameBytes: fields.maxFrameMiB * MIB,
        },
      });
      return apiOk(report);
    },
    'command:set-online': async (online) => {
      d.log(`network: the window reports ${online ? 'online' : 'offline'}`);
      runtimes.setOnline(online);
      return apiOk(null);
    },
    'command:detect-dialect': async (target) => {
      const t = testTarget(target.input, target.profileId);
      if (!t.ok) return t;
      const { fields: f, publicKey, secret } = t.value;
      const identity = { botId: f.botId, publicKey, secret, shardIn: 0, shardTotal: f.shardTotal };
      return detectCommand(f.url, identity, clock, d.say);
    },
  };
}
