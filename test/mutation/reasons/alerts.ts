import type { SurvivorReason } from '../survivor-list';

const RULES = 'electron/core/alerts/rules.ts';
const EVAL = 'electron/core/alerts/rule-evaluation.ts';
const RETRY_NOTE = '/\\s*(?:Retrying in|Nova tentativa em) [\\d.]+ s\\.*\\s*$/u';

/** The alert rules: rules.ts and rule-evaluation.ts. */
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
    mutator: ['ConditionalExpression', 'EqualityOperator', 'MethodExpression'],
    code: ['toggles.length > 0', 'sample.shards.filter((s) => wanted.has(s.id))'],
    kind: 'harmless',
    reason:
      'speed only: with no toggles the loop does nothing, and the index is read only for shards that toggled',
  },
];
