/** What crosses the gateway worker's port (electron/core/gateway/worker-wire.ts). */
import { describe, expect, it } from 'vitest';
import {
  createWording,
  fromColumns,
  toColumns,
  MAX_TOKEN_SENTENCES,
  tokenSay,
} from '../../../../electron/core/gateway/worker-wire';
import type { WorkerBatch } from '../../../../electron/core/gateway/worker-wire';
import { seconds } from '../../../../electron/core/gateway/failures';
import { createTranslator } from '../../../../shared/i18n/translator';
import type { ShardStats } from '../../../../shared/protocol';

function shard(id: number, over: Partial<ShardStats> = {}): ShardStats {
  return {
    shard_id: id,
    shard_hash: `h${id}`,
    development: false,
    disconnected: false,
    send_ping: id * 2,
    receibe_ping: id * 2 - 1,
    sending: 1e12 + id,
    received: 0.5,
    extra: {},
    ...over,
  };
}

describe('shard columns', () => {
  it('bring back every field of every shard, flags and extras included', () => {
    const list = [
      shard(0),
      shard(1, { development: true, extra: { region: 'eu', n: [1, 2] } }),
      shard(2 ** 53 - 1, { disconnected: true }),
      shard(3, { development: true, disconnected: true, shard_hash: '' }),
    ];
    expect(fromColumns(toColumns(list))).toEqual(list);
  });

  it('carry an empty list', () => {
    expect(fromColumns(toColumns([]))).toEqual([]);
  });
});

describe('sentences made in the worker', () => {
  it('are worded in the main thread language, nested ones too, secrets scrubbed in the worker', () => {
    const sayings: WorkerBatch['sayings'] = [];
    const say = tokenSay(
      (p) =>
        Object.fromEntries(
          Object.entries(p).map(([k, v]) => [k, v === 'hunter2' ? '[REDACTED]' : v]),
        ),
      (id, key, params) => sayings.push([id, key, params]),
    );
    const what = say('connection.serverSaid', { message: 'hunter2' });
    const detail = say('connection.retrying', { what, seconds: '2' });
    // The same sentence twice is one token, told once.
    expect(say('connection.serverSaid', { message: 'hunter2' })).toBe(what);
    expect(sayings).toHaveLength(2);

    const pt = createTranslator('pt-BR');
    const wording = createWording(pt.say);
    wording.learn(sayings);
    const inner = pt.say('connection.serverSaid', { message: '[REDACTED]' });
    expect(wording.word({ detail: `${detail}!`, n: 3 })).toEqual({
      detail: `${pt.say('connection.retrying', { what: inner, seconds: '2' })}!`,
      n: 3,
    });
    expect(JSON.stringify(sayings)).not.toContain('hunter2');
  });

  it('leave a batch without a sentence as it came, and copy only what they change', () => {
    const sayings: WorkerBatch['sayings'] = [];
    const say = tokenSay(
      (p) => p,
      (id, key, params) => sayings.push([id, key, params]),
    );
    const wording = createWording(createTranslator('en').say);
    const facts = { state: 'ready', detail: '', counts: [1, 2], nan: Number.NaN, at: null };
    expect(wording.word(facts)).toBe(facts);

    const token = say('connection.droppedBeforeAnswer');
    wording.learn(sayings);
    const plain = { pings: 3 };
    const nested = { plain, list: ['a', token], n: 1 };
    const worded = wording.word(nested);
    const sentence = createTranslator('en').say('connection.droppedBeforeAnswer');
    expect(worded).toEqual({ plain: { pings: 3 }, list: ['a', sentence], n: 1 });
    // The batch as it came is not changed; an unchanged part is not copied.
    expect(nested.list[1]).toBe(token);
    expect(worded.plain).toBe(plain);
  });

  it('carry seconds as a number, written in the language of the main thread', () => {
    const sayings: WorkerBatch['sayings'] = [];
    const say = tokenSay(
      (p) => p,
      (id, key, params) => sayings.push([id, key, params]),
    );
    const detail = say('connection.retrying', {
      what: say('connection.droppedBeforeAnswer'),
      seconds: seconds(2_460),
    });
    const pt = createWording(createTranslator('pt-BR').say);
    pt.learn(sayings);
    expect(pt.word(detail)).toMatch(/ Nova tentativa em 2,5 s\.$/);
    const en = createWording(createTranslator('en').say);
    en.learn(sayings);
    expect(en.word(detail)).toMatch(/ Retrying in 2\.5 s\.$/);
    // A whole number of seconds has no decimals; a close code is not a quantity.
    expect(createTranslator('pt-BR').say('connection.noHello', { seconds: seconds(3_000) })).toBe(
      'Conectado, mas o gateway não enviou HELLO em 3 s.',
    );
    expect(createTranslator('pt-BR').say('connection.serverClosed', { code: 1006 })).toContain(
      '1006',
    );
  });
});

describe('sentences a gateway can vary without end', () => {
  it(`stop taking new tokens after ${MAX_TOKEN_SENTENCES}, and come as English text instead`, () => {
    const sayings: WorkerBatch['sayings'] = [];
    const say = tokenSay(
      (p) => p,
      (id, key, params) => sayings.push([id, key, params]),
    );
    // A hostile gateway's refused frames, each a different size.
    const first = say('frame.tooDeep', { depth: 0 });
    for (let i = 1; i < MAX_TOKEN_SENTENCES; i++) say('frame.tooDeep', { depth: i });
    expect(sayings).toHaveLength(MAX_TOKEN_SENTENCES);
    const later = say('frame.tooDeep', { depth: MAX_TOKEN_SENTENCES });
    expect(later).toBe("The frame's JSON nests deeper than 1024 levels.");
    expect(sayings).toHaveLength(MAX_TOKEN_SENTENCES);
    // Sentences already known are still worded in the main thread's language.
    const pt = createWording(createTranslator('pt-BR').say);
    pt.learn(sayings);
    expect(pt.word(first)).toBe('O JSON do frame tem mais de 0 níveis de aninhamento.');
    expect(say('frame.tooDeep', { depth: 0 })).toBe(first);
  });
});
