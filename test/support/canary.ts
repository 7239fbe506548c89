/**
 * Canary secrets for leak scans (docs/architecture.md §3.7): plant these as a profile's
 * public key and shared secret, then search every payload, file and page for
 * them — in clear and in the encodings a careless leak would use.
 */

/** A public key that must never leave the main process in clear. */
// 64 hex characters: the shape the 0.2.2 dialect requires of a public key.
export const CANARY_PUBLIC_KEY = 'c4a4a7e0b11c0e7f3a9c1e5b2d4f6a8c0e1b3d5f7a9c1e2b4d6f8a0c2e4f6a8b';
/**
 * A shared secret that must never leave the main process in clear. No run of
 * 8 of its characters is a word or a piece of a name the app writes itself
 * ("-secret-" would be: it is in `command:choose-secret-storage`), so the
 * fragment scan finds only real leaks.
 */
export const CANARY_SECRET = 'zQ9x2L7m4N1p8R5t3wK-vB6y';

const CANARIES = [CANARY_PUBLIC_KEY, CANARY_SECRET];

function variants(value: string): string[] {
  const buf = Buffer.from(value, 'utf8');
  return [
    value,
    encodeURIComponent(value),
    JSON.stringify(value).slice(1, -1),
    buf.toString('base64'),
    buf.toString('base64url'),
    buf.toString('hex'),
    // A long-enough slice catches truncated or partially masked copies.
    value.slice(0, 16),
    value.slice(-16),
  ];
}

/** Which canaries (by name) appear in `data`, in any of the encodings above. */
export function findCanaries(data: string | Buffer | Uint8Array): string[] {
  const text = typeof data === 'string' ? data : Buffer.from(data).toString('latin1');
  const found: string[] = [];
  for (const canary of CANARIES) {
    if (variants(canary).some((v) => text.includes(v))) {
      found.push(canary === CANARY_SECRET ? 'secret' : 'public key');
    }
  }
  return found;
}

/** Shortest run of a canary (or of an encoded form) that counts as a leak. */
export const CANARY_FRAGMENT = 8;

/**
 * Every encoded form of `value` a leak could take, written out here
 * independently of the scrubber under test: clear, URL-encoded (as
 * `encodeURIComponent` does and with every byte escaped), hex, and base64
 * and base64url of the value from each of the three byte alignments (so the
 * encoding of any slice of it is a slice of one of these).
 */
function encodedForms(value: string): string[] {
  const buf = Buffer.from(value, 'utf8');
  const forms = [
    value,
    encodeURIComponent(value),
    [...buf].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''),
    buf.toString('hex'),
  ];
  for (let k = 0; k < 3; k++) {
    forms.push(buf.subarray(k).toString('base64').replace(/=+$/, ''));
    forms.push(buf.subarray(k).toString('base64url'));
  }
  return forms;
}

const lowerAscii = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * Which canaries have a run of {@link CANARY_FRAGMENT} or more characters in
 * `data`, in any ASCII letter case, in clear or in any form of
 * `encodedForms`. Each hit is named with the piece found, for the failure message.
 */
export function findCanaryFragments(data: string | Buffer | Uint8Array): string[] {
  const text = lowerAscii(typeof data === 'string' ? data : Buffer.from(data).toString('latin1'));
  const found: string[] = [];
  for (const canary of CANARIES) {
    const name = canary === CANARY_SECRET ? 'secret' : 'public key';
    search: for (const form of encodedForms(canary)) {
      const f = lowerAscii(form);
      for (let i = 0; i + CANARY_FRAGMENT <= f.length; i++) {
        const piece = f.slice(i, i + CANARY_FRAGMENT);
        if (text.includes(piece)) {
          found.push(`${name} ("${piece}")`);
          break search;
        }
      }
    }
  }
  return found;
}
