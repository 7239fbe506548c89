/**
 * A tiny runtime validator kit for trust boundaries (docs/architecture.md §3.3): payloads
 * from the renderer, files read from disk, CLI flags. A validator takes
 * `unknown` and returns a typed value or a sentence saying what is wrong.
 */
import { sayEnglish, wordNotice, type Say, type Wording } from './i18n/translator';
import type { Json } from './protocol';

/**
 * Outcome of a validation. A failure's `error` is English (logs, tests);
 * `why`, when the failure has a catalogue key (key `check`, the kit's own
 * validators), words it in the user's language ({@link wordCheck}).
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string; why?: Wording };

/** A validator from `unknown` to `T`; `path` names the value in error messages. */
export type Validator<T> = (value: unknown, path: string) => Checked<T>;

/**
 * A plain object (not null, not an array): the one definition every module
 * uses. A JSON value narrows to a JSON object, anything else to a record of
 * unknowns.
 */
export function isRecord(value: Json | undefined): value is { [key: string]: Json };
export function isRecord(value: unknown): value is Record<string, unknown>;
export function isRecord(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Build a success. */
export function ok<T>(value: T): Checked<T> {
  return { ok: true, value };
}

/** Build a failure: its English sentence and, when there is one, its catalogue key. */
export function fail<T = never>(error: string, why?: Wording): Checked<T> {
  return why === undefined ? { ok: false, error } : { ok: false, error, why };
}

type CheckKey = Extract<Wording['key'], `check.${string}`>;

/** A failure of the kit: worded in English now, and kept as its key for the user's language. */
function failWith<T = never>(
  key: CheckKey,
  params: Readonly<Record<string, string | number>>,
): Checked<T> {
  const why: Wording = { key, params };
  return fail(wordNotice(why, sayEnglish), why);
}

/**
 * The failure with the `{path}` it names changed (a prefix hidden, or a part
 * worded in the user's language); its English `error` stays as it was.
 */
export function withPath<F extends { error: string; why?: Wording }>(
  failure: F,
  rename: (path: string) => string | Wording,
): F {
  const why = failure.why;
  const path = why?.params?.['path'];
  if (why === undefined || typeof path !== 'string') return failure;
  return { ...failure, why: { ...why, params: { ...why.params, path: rename(path) } } };
}

/** A failure worded in the language of `say` (its English sentence when it has no key). */
export function wordCheck(failure: { error: string; why?: Wording }, say: Say): string {
  return failure.why === undefined ? failure.error : wordNotice(failure.why, say);
}

/** Longest string accepted anywhere unless a validator says otherwise. */
export const MAX_STRING = 64 * 1024;

/** A string of bounded length. */
export function str(opts: { min?: number; max?: number } = {}): Validator<string> {
  const min = opts.min ?? 0;
  const max = opts.max ?? MAX_STRING;
  return (v, path) => {
    if (typeof v !== 'string') return failWith('check.text', { path });
    if (v.length < min)
      return min === 1
        ? failWith('check.notEmpty', { path })
        : failWith('check.minChars', { path, min });
    if (v.length > max) return failWith('check.maxChars', { path, max });
    return ok(v);
  };
}

/** A finite number, optionally an integer within bounds. */
export function num(opts: { int?: boolean; min?: number; max?: number } = {}): Validator<number> {
  return (v, path) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return failWith('check.number', { path });
    if (opts.int && !Number.isInteger(v)) return failWith('check.whole', { path });
    if (opts.min !== undefined && v < opts.min)
      return failWith('check.atLeast', { path, min: opts.min });
    if (opts.max !== undefined && v > opts.max)
      return failWith('check.atMost', { path, max: opts.max });
    return ok(v);
  };
}

/** A boolean. */
export const bool: Validator<boolean> = (v, path) =>
  typeof v === 'boolean' ? ok(v) : failWith('check.bool', { path });

/** One of a fixed set of strings. */
export function oneOf<const T extends string>(values: readonly T[]): Validator<T> {
  return (v, path) =>
    typeof v === 'string' && (values as readonly string[]).includes(v)
      ? ok(v as T)
      : failWith('check.oneOf', { path, values: values.join(', ') });
}

/** `null` or the inner type. */
export function nullable<T>(inner: Validator<T>): Validator<T | null> {
  return (v, path) => (v === null ? ok(null) : inner(v, path));
}

/** `undefined` (absent) or the inner type. */
export function optional<T>(inner: Validator<T>): Validator<T | undefined> {
  return (v, path) => (v === undefined ? ok(undefined) : inner(v, path));
}

/** An array of bounded length. */
export function arrayOf<T>(inner: Validator<T>, maxLength = 100_000): Validator<T[]> {
  return (v, path) => {
    if (!Array.isArray(v)) return failWith('check.list', { path });
    if (v.length > maxLength) return failWith('check.tooManyItems', { path, max: maxLength });
    const out: T[] = [];
    for (let i = 0; i < v.length; i++) {
      const r = inner(v[i], `${path}[${i}]`);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return ok(out);
  };
}

type Shape<T> = { [K in keyof T]-?: Validator<T[K]> };

/**
 * Keys that reach an object's prototype when assigned or merged. A request
 * holding one as its own key is refused, never silently dropped: dropping
 * would hide an attack, and `JSON.parse` does create such own keys.
 */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/**
 * A plain object with exactly the given keys: unknown keys are refused so a
 * typo or an injected field is an error, never silently carried along. Own
 * keys named `__proto__`, `constructor` or `prototype` are refused by name.
 */
export function object<T extends object>(shape: Shape<T>): Validator<T> {
  const keys = Object.keys(shape) as Array<keyof T & string>;
  const known = new Set<string>(keys);
  return (v, path) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      return failWith('check.object', { path });
    const rec = v as Record<string, unknown>;
    for (const k of Object.keys(rec)) {
      if (PROTOTYPE_KEYS.has(k)) return failWith('check.protoField', { path, field: k });
      // Own keys only: `'constructor' in shape` is true for every object literal.
      if (!known.has(k)) return failWith('check.unknownField', { path, field: k.slice(0, 40) });
    }
    const out = {} as T;
    for (const k of keys) {
      const r = shape[k](rec[k], `${path}.${k}`);
      if (!r.ok) return r;
      if (r.value !== undefined) out[k] = r.value;
    }
    return ok(out);
  };
}

/** A fixed-length argument tuple. */
export function tuple<T extends unknown[]>(
  ...items: { [K in keyof T]: Validator<T[K]> }
): Validator<T> {
  return (v, path) => {
    if (!Array.isArray(v)) return failWith('check.argList', { path });
    if (v.length > items.length)
      return failWith('check.argCount', { path, count: v.length, expected: items.length });
    const out: unknown[] = [];
    for (let i = 0; i < items.length; i++) {
      const r = (items[i] as Validator<unknown>)(v[i], `${path}[${i}]`);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return ok(out as T);
  };
}
