/**
 * Replacing a profile's secrets in anything that leaves the gateway client
 * (events, status detail, snapshots) and in log lines. Secrets never reach
 * the renderer, logs or error messages in clear (docs/architecture.md §3.7).
 *
 * What counts as a secret here is wider than the value itself: a gateway
 * that echoes part of a key, lower-cases it or encodes it leaks it just the
 * same. So every run of {@link MIN_FRAGMENT} or more characters of a secret
 * is redacted, compared without regard to ASCII letter case, and the same for
 * its encoded forms: base64 and base64url (from each of the three byte
 * alignments, so the encoding of any slice is covered), hex, and
 * URL-encoding (`encodeURIComponent` and every byte percent-encoded). A form
 * shorter than {@link MIN_FRAGMENT} characters is redacted where it occurs
 * whole. Runs made of only one or two distinct characters are left alone
 * (see `telling`) unless they continue a match.
 *
 * Finding fragments costs more than finding one exact string, and a
 * 5,000-shard snapshot (about 900 KB) arrives every few seconds. The check
 * for a whole frame ({@link SecretScrubber.mayAppearIn}) therefore reads the
 * frame's UTF-8 bytes four at a time: any 8-byte run contains, at a position
 * that is a multiple of 4, a 4-byte gram of the same form, so it looks up
 * one gram per 4 bytes in a bit table (letters folded by `| 0x20`, which
 * keeps every case-insensitive match equal) and only checks the 8-byte
 * windows around a gram that is in the table. Strings are checked the same
 * way with 4-character grams every 5 characters.
 */

import { isRecord } from '../../../shared/validate';

/** What a secret is replaced with. */
export const REDACTED = '[REDACTED]';

/** Runs of this many characters of a secret (or of an encoded form) are redacted. */
export const MIN_FRAGMENT = 8;

/** Scrubbing functions for one set of secrets. */
export interface SecretScrubber {
  /** Whether `s` holds a secret, a fragment of one or an encoded form. */
  contains(s: string): boolean;
  /** The string with every secret, fragment and encoded form replaced by {@link REDACTED}. */
  scrubString(s: string): string;
  /**
   * The value with every secret replaced, in keys and values at any depth.
   * A read-only walk first: a 10,000-shard snapshot almost never holds a
   * secret, and copying it for nothing cost more than everything else on
   * that path. Returns `value` itself when clean.
   */
  scrub<T>(value: T): T;
  /**
   * False only when no string decoded from `text` (JSON text without escape
   * sequences, so every decoded string is a slice of it) can hold a secret
   * or a fragment of one. `utf8` is the same text as UTF-8 bytes when the
   * caller has them (a frame as it came off the wire), which is the fast way.
   */
  mayAppearIn(text: string, utf8?: Uint8Array | null): boolean;
  /** {@link mayAppearIn} for a frame's UTF-8 bytes alone (no string made for them). */
  mayAppearInBytes(utf8: Uint8Array): boolean;
}

/** Every form of `secret` whose fragments are redacted. */
export function secretForms(secret: string): string[] {
  const bytes = Buffer.from(secret);
  const forms = new Set<string>([secret, secret.trim(), bytes.toString('hex')]);
  try {
    forms.add(encodeURIComponent(secret));
  } catch {
    // A lone surrogate cannot be URL-encoded; nothing to add.
  }
  let percent = '';
  for (const b of bytes) percent += `%${b.toString(16).padStart(2, '0')}`;
  forms.add(percent);
  for (let k = 0; k < 3 && k < bytes.length; k++) {
    const slice = bytes.subarray(k);
    // With its padding, so a whole encoded value is replaced by one placeholder.
    forms.add(slice.toString('base64'));
    forms.add(slice.toString('base64url'));
  }
  forms.delete('');
  return [...forms];
}

/**
 * Whether a window says something about the secret. A run of one or two
 * distinct characters ("00000000", "%30%30%3") does not, and redacting it
 * would hide bot ids, counters and timestamps that happen to share it (a
 * test key of mostly zeros did exactly that).
 */
function telling(window: string): boolean {
  const first = window[0];
  let second: string | undefined;
  for (const c of window) {
    if (c === first || c === second) continue;
    if (second === undefined) second = c;
    else return true;
  }
  return false;
}

/** ASCII letters lower-cased; every other character kept, so positions stay the same. */
function foldAscii(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const TABLE_BITS = 20;
const TABLE_SHIFT = 32 - TABLE_BITS;
/** The first look at every 4 bytes of a frame: a table of 8 KiB, small enough for the L1 cache. */
const GRAM_BITS = 16;
const FOLD = 0x20202020;

/** Gram of 4 bytes as one 32-bit value, laid out as a Uint32Array read gives it. */
function gramOf(b0: number, b1: number, b2: number, b3: number): number {
  return (
    (LITTLE_ENDIAN
      ? b0 | (b1 << 8) | (b2 << 16) | (b3 << 24)
      : (b0 << 24) | (b1 << 16) | (b2 << 8) | b3) | 0x20202020
  );
}

function hashGram(gram: number): number {
  return Math.imul(gram, 0x9e3779b1) >>> (32 - GRAM_BITS);
}

function hashChars(c0: number, c1: number, c2: number, c3: number): number {
  let h = Math.imul(c0, 0x9e3779b1) ^ c1;
  h = Math.imul(h, 0x85ebca6b) ^ c2;
  h = Math.imul(h, 0xc2b2ae35) ^ c3;
  return Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> TABLE_SHIFT;
}

/** Char code with ASCII upper-case letters folded to lower case. */
function foldCode(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function setBit(table: Uint8Array, h: number): void {
  table[h >>> 3]! |= 1 << (h & 7);
}

function hasBit(table: Uint8Array, h: number): boolean {
  return (table[h >>> 3]! & (1 << (h & 7))) !== 0;
}

/**
 * Index of the first gram at or after `from` whose hash is set in `table`,
 * or -1: the first look at every 4 bytes of a frame, 225,000 of them in a
 * 5,000-shard snapshot. A small function of its own with everything passed
 * in, which V8 compiles to a loop as tight as `String.prototype.includes`;
 * inside the larger function it ran three times slower.
 */
function nextCandidate(grams: Int32Array, from: number, table: Uint8Array, shift: number): number {
  for (let i = from; i < grams.length; i++) {
    const h = Math.imul(grams[i]! | 0x20202020, 0x9e3779b1) >>> shift;
    if ((table[h >>> 3]! & (1 << (h & 7))) !== 0) return i;
  }
  return -1;
}

/**
 * Hash of an 8-byte window seen from the aligned gram inside it (the frame
 * check computes the same inline): `k` bytes
 * before the gram (`before`, the last bytes of the previous aligned gram),
 * the gram itself, and `4 - k` bytes after it (the first bytes of the next
 * one). At a hit the frame check has all three grams loaded already, so it
 * tells most non-matches apart without reading bytes one by one.
 */
function hashSplit(k: number, before: number, gram: number, after: number): number {
  const h = Math.imul(gram ^ Math.imul(after, 0x27d4eb2d), 0x165667b1);
  return Math.imul(h ^ Math.imul(before + k, 0x85ebca6b), 0xc2b2ae35) >>> TABLE_SHIFT;
}

/** Folded bytes `from..to` as a little-endian number (at most 4 bytes). */
function packLE(b: Uint8Array, from: number, to: number): number {
  let v = 0;
  for (let i = to - 1; i >= from; i--) v = (v << 8) | (b[i]! | 0x20);
  return v;
}

/**
 * 8 folded bytes as one number. Rounding may make two different windows
 * share a key, which only sends a frame the slow (exact) way.
 */
function byteKey(b: Uint8Array, at: number): number {
  const lo = gramOf(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!) >>> 0;
  const hi = gramOf(b[at + 4]!, b[at + 5]!, b[at + 6]!, b[at + 7]!) >>> 0;
  return lo * 0x100000000 + hi;
}

/**
 * A scrubber for `secrets` (an empty string has no forms, so it is ignored). `placeholder`
 * replaces each redacted run ({@link REDACTED} unless given).
 */
export function createSecretScrubber(
  secrets: readonly string[],
  opts: { placeholder?: string } = {},
): SecretScrubber {
  const placeholder = opts.placeholder ?? REDACTED;
  const forms = [...new Set(secrets.flatMap(secretForms))];
  /** Folded windows of {@link MIN_FRAGMENT} characters of every long form. */
  const windows = new Set<string>();
  /**
   * Folded windows of one or two distinct characters: never a match on
   * their own, but a run that continues a match through them ("…7f3a9c"
   * then "5a5a5a5a…") is redacted to its end.
   */
  const weakWindows = new Set<string>();
  /** Folded forms shorter than a window, matched whole. */
  const shortForms: string[] = [];
  /** Folded 8-byte windows of every form's UTF-8 (see `byteKey`). */
  const byteWindows = new Set<number>();
  const charTable = new Uint8Array(1 << (TABLE_BITS - 3));
  const byteTable = new Uint8Array(1 << (GRAM_BITS - 3));
  /** `hashSplit` of every window in `byteWindows`, for each place of its aligned gram. */
  const splitTable = new Uint8Array(1 << (TABLE_BITS - 3));
  let shortBytes = false;

  for (const form of forms) {
    const folded = foldAscii(form);
    if (folded.length < MIN_FRAGMENT) shortForms.push(folded);
    else {
      let anyTelling = false;
      for (let i = 0; i + MIN_FRAGMENT <= folded.length; i++) {
        const w = folded.slice(i, i + MIN_FRAGMENT);
        if (telling(w)) {
          windows.add(w);
          anyTelling = true;
        } else weakWindows.add(w);
      }
      // A form of one or two distinct characters ("11111111", a key of
      // zeros) has no telling window: it is matched whole, as a short form.
      if (!anyTelling) {
        shortForms.push(folded);
        shortBytes = true;
      }
      for (let i = 0; i + 4 <= folded.length; i++)
        setBit(
          charTable,
          hashChars(
            folded.charCodeAt(i),
            folded.charCodeAt(i + 1),
            folded.charCodeAt(i + 2),
            folded.charCodeAt(i + 3),
          ),
        );
    }
    const bytes = Buffer.from(form);
    if (bytes.length < MIN_FRAGMENT) shortBytes = true;
    for (let i = 0; i + 4 <= bytes.length; i++)
      setBit(byteTable, hashGram(gramOf(bytes[i]!, bytes[i + 1]!, bytes[i + 2]!, bytes[i + 3]!)));
    for (let i = 0; i + MIN_FRAGMENT <= bytes.length; i++) {
      const w = bytes.subarray(i, i + MIN_FRAGMENT);
      // Only an ASCII window is the same run of characters, so only there
      // may a window `telling` leaves out be left out here.
      if (w.some((b) => b > 0x7f) || telling(foldAscii(w.toString('latin1')))) {
        byteWindows.add(byteKey(bytes, i));
        for (let k = 0; k < 4; k++) {
          const q = i + k;
          const gram = gramOf(bytes[q]!, bytes[q + 1]!, bytes[q + 2]!, bytes[q + 3]!);
          const after = packLE(bytes, q + 4, i + MIN_FRAGMENT);
          setBit(splitTable, hashSplit(k, packLE(bytes, i, q), gram, after));
        }
      }
    }
  }
  const nothing = forms.length === 0;

  /** Start positions of every window of `s` that is a secret window, plus whole short forms. */
  function hits(s: string, firstOnly: boolean): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    if (windows.size > 0 && s.length >= MIN_FRAGMENT) {
      let lastChecked = -1;
      const end = s.length - 3;
      for (let q = 0; q < end; q += 5) {
        if (
          !hasBit(
            charTable,
            hashChars(
              foldCode(s.charCodeAt(q)),
              foldCode(s.charCodeAt(q + 1)),
              foldCode(s.charCodeAt(q + 2)),
              foldCode(s.charCodeAt(q + 3)),
            ),
          )
        )
          continue;
        // Every window holding the gram at q starts in [q - 4, q].
        for (let p = Math.max(q - 4, lastChecked + 1); p <= q; p++) {
          lastChecked = p;
          if (p + MIN_FRAGMENT > s.length) break;
          if (windows.has(foldAscii(s.slice(p, p + MIN_FRAGMENT)))) {
            out.push([p, p + MIN_FRAGMENT]);
            if (firstOnly) return out;
          }
        }
      }
    }
    if (shortForms.length > 0) {
      const folded = foldAscii(s);
      for (const f of shortForms) {
        for (let at = folded.indexOf(f); at >= 0; at = folded.indexOf(f, at + 1)) {
          out.push([at, at + f.length]);
          if (firstOnly) return out;
        }
      }
    }
    return out;
  }

  function contains(s: string): boolean {
    return hits(s, true).length > 0;
  }

  /**
   * Whether the folded window of `s` at `p` belongs to a form, weak or not.
   * A window reaching past either end of `s` is a slice shorter than
   * {@link MIN_FRAGMENT}, which no form window is.
   */
  function inForm(s: string, p: number): boolean {
    const w = foldAscii(s.slice(p, p + MIN_FRAGMENT));
    return windows.has(w) || weakWindows.has(w);
  }

  function scrubString(s: string): string {
    const found = hits(s, false);
    if (weakWindows.size > 0)
      for (const hit of found) {
        while (inForm(s, hit[1] - MIN_FRAGMENT + 1)) hit[1]++;
        while (inForm(s, hit[0] - 1)) hit[0]--;
      }
    found.sort((a, b) => a[0] - b[0]);
    let out = '';
    let at = 0;
    let i = 0;
    while (i < found.length) {
      let [start, end] = found[i]!;
      // Overlapping or touching hits are one run: one placeholder for all of it.
      while (++i < found.length && found[i]![0] <= end) end = Math.max(end, found[i]![1]);
      if (start < at) start = at;
      out += s.slice(at, start) + placeholder;
      at = end;
    }
    return out + s.slice(at);
  }

  function containsSecret(value: unknown): boolean {
    if (typeof value === 'string') return contains(value);
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

  function bytesMayHold(bytes: Uint8Array): boolean {
    const base = bytes.byteOffset;
    const a0 = (4 - (base & 3)) & 3;
    if (bytes.length < a0 + 4) return false;
    const n = (bytes.length - a0) >>> 2;
    const grams = new Int32Array(bytes.buffer, base + a0, n);
    const len = bytes.length;
    // Locals, not module constants: a module-level binding is read (and
    // checked for its temporal dead zone) on every use.
    const table = byteTable;
    const shift = 32 - GRAM_BITS;
    const splits = splitTable;
    const splitShift = TABLE_SHIFT;
    const fold = FOLD;
    const win = MIN_FRAGMENT;
    const little = LITTLE_ENDIAN;
    for (
      let i = nextCandidate(grams, 0, table, shift);
      i >= 0;
      i = nextCandidate(grams, i + 1, table, shift)
    ) {
      const gram = grams[i]! | fold;
      const q = a0 + 4 * i;
      const prev = i > 0 ? grams[i - 1]! | fold : 0;
      const next = i + 1 < n ? grams[i + 1]! | fold : 0;
      // Every 8-byte window holding this gram starts at q - k, k = 0..3.
      for (let k = 0; k < 4; k++) {
        const p = q - k;
        if (p < 0 || p + win > len) continue;
        // Where a neighbouring gram is not loaded (the frame's first and
        // last bytes, a big-endian machine), the exact check decides alone.
        if (little && (k === 0 || i > 0) && i + 1 < n) {
          // hashSplit(k, before, gram, after), inlined.
          const before = k === 0 ? 0 : prev >>> (8 * (4 - k));
          const after = k === 0 ? next : next & ((1 << (8 * (4 - k))) - 1);
          const s1 = Math.imul(gram ^ Math.imul(after, 0x27d4eb2d), 0x165667b1);
          const s2 = Math.imul(s1 ^ Math.imul(before + k, 0x85ebca6b), 0xc2b2ae35) >>> splitShift;
          if ((splits[s2 >>> 3]! & (1 << (s2 & 7))) === 0) continue;
        }
        if (byteWindows.has(byteKey(bytes, p))) return true;
      }
    }
    return false;
  }

  function mayAppearIn(text: string, utf8?: Uint8Array | null): boolean {
    if (nothing) return false;
    // Short forms are rare (a secret under 8 characters); look for them the plain way.
    if (shortBytes) {
      const folded = foldAscii(text);
      if (shortForms.some((f) => folded.includes(f))) return true;
    }
    return bytesMayHold(utf8 ?? Buffer.from(text));
  }

  return {
    contains,
    scrubString,
    scrub: <T>(value: T): T => (containsSecret(value) ? deepScrub(value) : value),
    mayAppearIn,
    mayAppearInBytes(utf8) {
      // The text is needed only for the short forms (a secret under 8 characters).
      const text = shortBytes
        ? Buffer.from(utf8.buffer, utf8.byteOffset, utf8.length).toString()
        : '';
      return mayAppearIn(text, utf8);
    },
  };
}
