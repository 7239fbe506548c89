/**
 * Replacing a profile's secrets in anything that leaves the gateway client
 * (events, status detail, snapshots). Secrets never reach the renderer, logs
 * or error messages in clear (docs/architecture.md §3.7).
 */

import { isRecord } from '../../../shared/validate';

/** What a secret is replaced with. */
export const REDACTED = '[REDACTED]';

/** Scrubbing functions for one set of secrets. */
export interface SecretScrubber {
  /** The string with every occurrence of a secret replaced. */
  scrubString(s: string): string;
  /**
   * The value with every occurrence of a secret replaced, in keys and values
   * at any depth. A read-only walk first: a 10,000-shard snapshot almost
   * never holds a secret, and copying it for nothing cost more than
   * everything else on that path. Returns `value` itself when clean.
   */
  scrub<T>(value: T): T;
}

/** A scrubber for `secrets` (empty strings are ignored). */
export function createSecretScrubber(secrets: readonly string[]): SecretScrubber {
  const list = secrets.filter((s) => s.length > 0);

  function scrubString(s: string): string {
    let out = s;
    for (const secret of list) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }

  function containsSecret(value: unknown): boolean {
    if (typeof value === 'string') {
      for (const secret of list) if (value.includes(secret)) return true;
      return false;
    }
    if (Array.isArray(value)) {
      for (const v of value) if (containsSecret(v)) return true;
      return false;
    }
    if (isRecord(value)) {
      for (const k of Object.keys(value))
        if (containsSecret(k) || containsSecret(value[k])) return true;
    }
    return false;
  }

  function deepScrub<T>(value: T): T {
    if (typeof value === 'string') return scrubString(value) as T;
    if (Array.isArray(value)) return value.map((v: unknown) => deepScrub(v)) as T;
    if (isRecord(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[scrubString(k)] = deepScrub(v);
      return out as T;
    }
    return value;
  }

  return {
    scrubString,
    scrub: <T>(value: T): T => (containsSecret(value) ? deepScrub(value) : value),
  };
}
