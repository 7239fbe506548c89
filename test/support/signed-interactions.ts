/**
 * Discord-style signed interactions for the real http-interaction server's
 * `POST /interaction`: Ed25519 over `timestamp + body`, the body as compact
 * JSON with its keys sorted (the server re-serialises it before checking).
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/** An Ed25519 key pair; `publicHex` is the 64-hex-character key the server is given. */
export interface InteractionKeys {
  publicHex: string;
  privateKey: KeyObject;
}

/** A fresh key pair (the raw public key is the last 32 bytes of its SPKI DER export). */
export function interactionKeys(): InteractionKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return { publicHex: raw.toString('hex'), privateKey };
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value === 'object' && value !== null) {
    const rec = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(rec)
        .sort()
        .map((k) => [k, sorted(rec[k])]),
    );
  }
  return value;
}

/** A slash-command interaction for `botId`, numbered so each can be told apart. */
export function slashCommand(botId: string, n: number): Record<string, unknown> {
  return {
    type: 2,
    id: `9${String(n).padStart(17, '0')}`,
    application_id: botId,
    // The server needs a guild to pick the shard.
    guild_id: '81384788765712384',
    token: `token-${n}`,
    data: { name: 'ping' },
  };
}

/** POST one signed interaction; resolves with the HTTP status and body. */
export async function postInteraction(
  http: string,
  keys: InteractionKeys,
  body: unknown,
): Promise<{ status: number; body: string }> {
  const text = JSON.stringify(sorted(body));
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + text), keys.privateKey).toString('hex');
  const res = await fetch(`${http}/interaction`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Signature-Ed25519': signature,
      'X-Signature-Timestamp': timestamp,
    },
    body: text,
    signal: AbortSignal.timeout(5000),
  });
  return { status: res.status, body: await res.text() };
}
