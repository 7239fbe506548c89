/**
 * What is wrong with a gateway connection's options, in English
 * (electron/core/gateway/options.ts): the answer of "Detect" and of
 * `shardwatch probe` to options the gateway cannot be asked with. Part of the
 * engine catalogue (key `options`); `engine-pt-BR-options.ts` is typed
 * against this one.
 */
export const optionsEn = {
  invalid: 'Invalid gateway connection options: {problems}',
  urlScheme: 'The gateway URL must start with ws:// or wss://.',
  urlInvalid: 'The gateway URL is not a valid URL.',
  dialect: 'The dialect is not one Shardwatch knows.',
  mode: 'The mode must be register or ping-only.',
  neverRegisters:
    "Shardwatch never registers in the {dialect} dialect: that server would send the bot's interactions to it.",
  field: {
    botId: 'bot id',
    publicKey: 'public key',
    secret: 'secret',
  },
  empty: 'The {name} is empty.',
  notHeaderSafe: 'The {name} contains characters that cannot be sent in an HTTP header.',
  shardTotal: 'shard_total must be an integer of at least 1.',
  shardIn: 'shard_in must be a non-negative integer.',
  shardInOverTotal: 'shard_in must not exceed shard_total (the server closes such connections).',
  shardInZero:
    'shard_in must be 0: only the shard master can register and ping, which is what Shardwatch monitors.',
  flags: 'flags must be a non-negative integer (the 0.2.2 server drops other values).',
  pingIntervalFloor: 'pingIntervalFloorMs must be 1–1000 ms.',
  pingInterval: 'The ping interval must be {min}–{max} ms.',
  pingTimeout: 'The ping timeout must be {min}–{max} ms.',
  lostPings: 'lostPingsToDead must be {min}–{max}.',
  phaseTimeout: 'The phase timeout must be {min}–{max} ms.',
  largestFrame: 'The largest frame must be {min}–{max} bytes.',
  budget: 'budget.{name} must be a positive integer.',
  backoffInitial: 'backoff.initialMs must be {min}–{max}.',
  backoffMax: 'backoff.maxMs must be at least backoff.initialMs and at most {max}.',
  backoffReset: 'backoff.resetAfterReadyMs must be {min}–{max}.',
};
