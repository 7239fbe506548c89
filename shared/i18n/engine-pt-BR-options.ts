/** What is wrong with a gateway connection's options, in Brazilian Portuguese (typed against `engine-en-options.ts`). */
import type { optionsEn } from './engine-en-options';

export const optionsPtBR: typeof optionsEn = {
  invalid: 'Opções de conexão ao gateway inválidas: {problems}',
  urlScheme: 'A URL do gateway precisa começar com ws:// ou wss://.',
  urlInvalid: 'A URL do gateway não é uma URL válida.',
  dialect: 'O Shardwatch não conhece esse dialeto.',
  mode: 'O modo precisa ser register ou ping-only.',
  neverRegisters:
    'O Shardwatch nunca se registra no dialeto {dialect}: esse servidor mandaria as interações do bot para ele.',
  field: {
    botId: 'id do bot',
    publicKey: 'chave pública',
    secret: 'segredo',
  },
  empty: 'O campo {name} está vazio.',
  notHeaderSafe: 'O campo {name} tem caracteres que não podem ir num cabeçalho HTTP.',
  shardTotal: 'shard_total precisa ser um número inteiro de no mínimo 1.',
  shardIn: 'shard_in precisa ser um número inteiro não negativo.',
  shardInOverTotal: 'shard_in não pode passar de shard_total (o servidor fecha essas conexões).',
  shardInZero:
    'shard_in precisa ser 0: só o shard mestre pode registrar e pingar, e é ele que o Shardwatch monitora.',
  flags:
    'flags precisa ser um número inteiro não negativo (o servidor 0.2.2 descarta outros valores).',
  pingIntervalFloor: 'pingIntervalFloorMs precisa estar entre 1 e 1000 ms.',
  pingInterval: 'O intervalo de ping precisa estar entre {min} e {max} ms.',
  pingTimeout: 'O tempo limite do ping precisa estar entre {min} e {max} ms.',
  lostPings: 'lostPingsToDead precisa estar entre {min} e {max}.',
  phaseTimeout: 'O tempo limite de cada etapa precisa estar entre {min} e {max} ms.',
  largestFrame: 'O maior frame precisa ter entre {min} e {max} bytes.',
  budget: 'budget.{name} precisa ser um número inteiro positivo.',
  backoffInitial: 'backoff.initialMs precisa estar entre {min} e {max}.',
  backoffMax: 'backoff.maxMs precisa ser no mínimo backoff.initialMs e no máximo {max}.',
  backoffReset: 'backoff.resetAfterReadyMs precisa estar entre {min} e {max}.',
};
