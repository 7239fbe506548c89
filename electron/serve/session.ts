/**
 * Browser mode's session (docs/architecture.md §3.7): the printed one-time
 * token is exchanged for an HttpOnly, SameSite=Strict cookie on the first
 * page load, so the address in the tab and in bookmarks carries no secret.
 * The cookie's value is derived from a secret kept in the data folder
 * (0600), so a session outlives a server restart; deleting the file ends
 * every session.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** File in the data folder holding the session secret. */
export const SESSION_SECRET_FILE = 'serve-session.key';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'shardwatch_session';

/** The cookie value a secret stands for (what the browser keeps). */
export function sessionValue(secret: Buffer): string {
  return createHmac('sha256', secret).update('shardwatch browser session v1').digest('base64url');
}

/** The `Set-Cookie` header that hands a session to the page. */
export function sessionCookieHeader(secret: Buffer): string {
  // Loopback http: no `Secure` (browsers refuse it on http); Path=/ so the
  // bridge upgrade carries it too.
  return `${SESSION_COOKIE}=${sessionValue(secret)}; HttpOnly; SameSite=Strict; Path=/`;
}

/** Whether a `Cookie` header carries this server's session (constant-time compare). */
export function hasSession(cookieHeader: string | undefined, secret: Buffer): boolean {
  if (!cookieHeader) return false;
  const want = Buffer.from(sessionValue(secret));
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const given = Buffer.from(part.slice(eq + 1).trim());
    if (given.length === want.length && timingSafeEqual(given, want)) return true;
  }
  return false;
}

/**
 * The session secret of a data folder: read from {@link SESSION_SECRET_FILE},
 * or made and written there (owner-only) when missing or unreadable.
 */
export function loadSessionSecret(dataDir: string): Buffer {
  const file = join(dataDir, SESSION_SECRET_FILE);
  if (existsSync(file)) {
    try {
      const text = readFileSync(file, 'utf8').trim();
      const secret = Buffer.from(text, 'base64url');
      if (secret.length >= 32) {
        chmodSync(file, 0o600);
        return secret;
      }
    } catch {
      // Unreadable: replaced below; open tabs sign in again with the printed address.
    }
  }
  const secret = randomBytes(32);
  // Written aside, then renamed: a crash never leaves half a key.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${secret.toString('base64url')}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
  return secret;
}
