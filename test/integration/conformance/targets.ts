/**
 * The two http-interaction 0.2.2 gateways the conformance suite runs every
 * scenario against: Shardwatch's simulator and the real server binary. A
 * scenario sees only what a client on the wire sees, plus a way to make an
 * interaction arrive for the bot (a signed `POST /interaction` on the real
 * server, the simulator's own call otherwise).
 */
import { createSimulator } from '../../../electron/sim/simulator';
import type { SimCredentials } from '../../../electron/sim/simulator';
import { startUpstream, upstreamMissing } from '../../support/upstream-server';
import { interactionKeys, postInteraction, slashCommand } from '../../support/signed-interactions';

/** A running gateway. */
export interface Gateway {
  url: string;
  creds: SimCredentials;
  /** Interaction number `n` arrives for the bot; resolves once the gateway has routed it. */
  interaction(n: number): Promise<void>;
  stop(): Promise<void>;
}

/** Options of a gateway start. */
export interface GatewayOptions {
  /** Started without its secret: every connection's task panics (the real server) / drops (the simulator). */
  misconfigured?: boolean;
}

/** One implementation under test. */
export interface Target {
  name: string;
  /** Why it cannot run here, or null. */
  skip: string | null;
  start(options?: GatewayOptions): Promise<Gateway>;
}

const BOT_ID = '987654321098765432';
const SECRET = 'conformance-secret-7f3a';

const simulator: Target = {
  name: 'simulator',
  skip: null,
  async start(options = {}) {
    const keys = interactionKeys();
    const creds = { botId: BOT_ID, secret: SECRET, publicKey: keys.publicHex };
    const sim = await createSimulator({
      dialect: 'http-interaction-0.2.2',
      credentials: creds,
      misconfigured: options.misconfigured ?? false,
      // A freshly started server, as the real one is here.
      botRegistered: false,
      random: 11,
    });
    return {
      url: sim.url,
      creds,
      interaction: async (n) => {
        sim.sendInteraction({ metadata_http: [slashCommand(BOT_ID, n)] });
      },
      stop: () => sim.stop(),
    };
  },
};

const realServer: Target = {
  name: 'real server',
  skip: upstreamMissing(),
  async start(options = {}) {
    const keys = interactionKeys();
    const creds = { botId: BOT_ID, secret: SECRET, publicKey: keys.publicHex };
    const server = await startUpstream({
      botId: BOT_ID,
      secret: options.misconfigured ? null : SECRET,
      publicKey: keys.publicHex,
    });
    return {
      url: server.url,
      creds,
      async interaction(n) {
        const r = await postInteraction(server.http, keys, slashCommand(BOT_ID, n));
        if (r.status !== 200) throw new Error(`POST /interaction: ${r.status} ${r.body}`);
      },
      stop: () => server.stop(),
    };
  },
};

/** Both targets; the real server skips, saying why, where its binary is missing. */
export const TARGETS: readonly Target[] = [simulator, realServer];

if (realServer.skip) console.warn(`conformance: skipping the real-server runs: ${realServer.skip}`);
