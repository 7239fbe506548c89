/**
 * The credentials the gateway simulator accepts when none are configured.
 * Not secret by design: the Demo profile, "Add a simulator profile" and
 * tests use them to reach a simulator on this computer, and the empty
 * overview prints them for people who run `npx shardwatch sim` themselves.
 * The key has the shape of a real one (64 hex characters), as 0.2.2 requires.
 */
export const DEFAULT_SIM_CREDENTIALS = Object.freeze({
  botId: '1100000000000000001',
  secret: 'shardwatch-demo-secret',
  publicKey: 'd3a0a11ce0ffee5eed000000000000000000000000000000000000000000beef',
});
