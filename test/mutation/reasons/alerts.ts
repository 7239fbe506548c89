import type { SurvivorReason } from '../survivor-list';

const RULES = 'electron/core/alerts/rules.ts';
const EVAL = 'electron/core/alerts/rule-evaluation.ts';
const INDEX = 'electron/core/alerts/shard-index.ts';
const INDEX_TEST = '(shard-index.test.ts, written after this run)';
const RETRY_NOTE = '/\\s*(?:Retrying in|Nova tentativa em) [\\d.]+ s\\.*\\s*$/u';

/** The alert rules: rules.ts, rule-evaluation.ts and shard-index.ts. */
export const ALERTS: SurvivorReason[] = [
  {
    file: RULES,
    mutator: 'Regex',
    code: RETRY_NOTE,
    replacement: [
      '/\\s*(?:Retrying in|Nova tentativa em) [\\d.]+ s\\.*\\s*/u',
      '/\\S*(?:Retrying in|Nova tentativa em) [\\d.]+ s\\.*\\s*$/u',
      '/\\s*(?:Retrying in|Nova tentativa em) [\\d.]+ s\\.\\s*$/u',
    ],
    kind: 'equivalent',
    reason:
      'the client’s countdown is always the last sentence of a detail, ending in one full stop, so each variant removes the same text',
  },
  {
    file: RULES,
    mutator: 'OptionalChaining',
    code: 'c?.detail',
    kind: 'equivalent',
    reason: 'the content is built only for a connection that exists',
  },
  {
    file: RULES,
    mutator: 'StringLiteral',
    code: "'incident.lost.noConnection'",
    kind: 'equivalent',
    reason:
      'a connection-lost incident is raised only for a connection that exists (with none the engine’s verdict is `neutral`, not `bad`), so this wording is never shown',
  },
  {
    file: EVAL,
    mutator: ['ConditionalExpression', 'LogicalOperator'],
    code: ["rule === 'connection-lost'", "rule === 'connection-lost' && damped"],
    replacement: ['true', "rule === 'connection-lost' || damped"],
    context: "const lost = rule === 'connection-lost' && damped;",
    kind: 'harmless',
    reason:
      'a refusal while the connection flaps would be held open through good samples like a flapping loss; the refusal rule raises at once either way',
  },
  {
    file: EVAL,
    mutator: 'ConditionalExpression',
    code: '!ps.profile.alerts.shardsDown',
    replacement: 'false',
    kind: 'equivalent',
    reason:
      'with the rule off no toggle is recorded, so nothing is flapping, and the only effect is closing the already closed flapping incident',
  },
  {
    file: EVAL,
    mutator: 'StringLiteral',
    code: "'registering'",
    replacement: '""',
    kind: 'killed since',
    reason:
      'a first attempt waiting for the register answer would count as a lost connection: "a slow first connect is not a lost connection…" now passes through `registering` (alert-engine-connection.test.ts)',
  },
  {
    file: EVAL,
    mutator: 'ConditionalExpression',
    code: "v === 'bad'",
    replacement: 'true',
    context: "if (rule === 'connection-lost' && firstAttempt && v === 'bad') continue;",
    kind: 'equivalent',
    reason:
      'during a first attempt (connecting, handshaking, registering) the connection-lost verdict is `bad` when the rule is on and `neutral` when it is off; skipping a neutral step on a profile that has never been up changes nothing (no incident can be open, and the last verdict is noted before the skip)',
  },
  {
    file: INDEX,
    mutator: ['ConditionalExpression', 'LogicalOperator', 'EqualityOperator', 'ArrowFunction'],
    context: 'const isDense = (id: number): boolean =>',
    kind: 'equivalent',
    reason:
      'which ids go in the dense array and which in the map is storage only: `get`, `put` and `drop` all ask the same function, so every shard is read from where it was written (odd ids tested both ways in shard-index.test.ts)',
  },
  {
    file: INDEX,
    mutator: 'ArithmeticOperator',
    code: '(1 << 20) - 1',
    kind: 'equivalent',
    reason: 'the last id kept in the dense array moves by two; storage only, as for `isDense`',
  },
  {
    file: INDEX,
    mutator: 'ArrayDeclaration',
    code: '[]',
    context: 'private dense: Array<ShardView | undefined> = [];',
    kind: 'equivalent',
    reason:
      'a new index is first filled by `replace` (directly, or from `follow` with a source it has not seen), which forgets, and so replaces this array, before reading it',
  },
  {
    file: INDEX,
    mutator: 'ConditionalExpression',
    code: 'this.source !== delta.source',
    replacement: 'true',
    kind: 'harmless',
    reason:
      'speed only: every snapshot rebuilds the index from the whole list instead of the change, with the same result',
  },
  {
    file: INDEX,
    mutator: ['ConditionalExpression', 'EqualityOperator'],
    code: ['this.downIds.size > 0', 'this.stalledIds.size > 0'],
    replacement: ['true', 'this.downIds.size >= 0', 'this.stalledIds.size >= 0'],
    kind: 'equivalent',
    reason: 'deleting from an empty set does nothing; the guard only saves the call',
  },
  {
    file: INDEX,
    mutator: 'ConditionalExpression',
    code: 'prev === undefined',
    replacement: 'false',
    context: 'private drop(id: number): void {',
    kind: 'harmless',
    reason:
      'a guard for a state that cannot happen: `removed` lists shards of the previous snapshot of the same source, which the index holds (a new source rebuilds it from the whole list)',
  },
  {
    file: INDEX,
    mutator: 'ArrayDeclaration',
    code: '[]',
    context: 'this.dense = [];',
    kind: 'killed since',
    reason: `a restart kept a stale entry and counted a shard too few ${INDEX_TEST}`,
  },
  {
    file: INDEX,
    mutator: 'CallExpression',
    code: ['this.sparse.clear();', 'this.sparse.delete(id);'],
    kind: 'killed since',
    reason: `a restart or a removal kept an odd-id shard, counted once too few when it came back ${INDEX_TEST}`,
  },
  {
    file: INDEX,
    mutator: 'UpdateOperator',
    code: 'this.size++',
    kind: 'killed since',
    reason: `the shard count was not tested on the index itself ${INDEX_TEST}`,
  },
  {
    file: INDEX,
    mutator: 'ConditionalExpression',
    code: 'isDense(id)',
    context: 'if (isDense(id)) this.dense[id] = undefined;',
    kind: 'killed since',
    reason: `a removed shard stayed where it was kept and was counted once when it came back ${INDEX_TEST}`,
  },
];
