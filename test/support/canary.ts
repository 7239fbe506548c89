/**
 * Canary secrets for leak scans (docs/architecture.md §3.7): plant these as a profile's
 * public key and shared secret, then search every payload, file and page for
 * them — in clear and in the encodings a careless leak would use.
 */

/** A public key that must never leave the main process in clear. */
// 64 hex characters: the shape the 0.2.2 dialect requires of a public key.
export const CANARY_PUBLIC_KEY = 'c4a4a7e0b11c0e7f3a9c1e5b2d4f6a8c0e1b3d5f7a9c1e2b4d6f8a0c2e4f6a8b';
/** A shared secret that must never leave the main process in clear. */
export const CANARY_SECRET = 'canary-secret-Q9x2L7m4N1p8R5t3';

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
