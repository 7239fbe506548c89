/**
 * The bearer token a Prometheus scrape must present, kept in `metrics-token`
 * in the data folder (mode 0600, created if missing). Prometheus reads the
 * same file with `authorization: credentials_file:`, so the token never goes
 * on a command line or into a config file in clear.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** File name of the token in the data folder. */
export const METRICS_TOKEN_FILE = 'metrics-token';

/** Read the token, creating the file with a fresh random token when missing. */
export function loadMetricsToken(dir: string): string {
  const file = path.join(dir, METRICS_TOKEN_FILE);
  try {
    const token = fs.readFileSync(file, 'utf8').trim();
    if (token.length >= 16) {
      if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
      return token;
    }
    throw new Error(
      `${file} holds no usable token (it is shorter than 16 characters); delete it to have a new one made`,
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const token = randomBytes(32).toString('base64url');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    // `wx`: two processes starting at once agree on the first token written.
    fs.writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
    return token;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8').trim();
    throw e;
  }
}

/** Whether an `Authorization` header carries `token`, compared in constant time. */
export function hasBearer(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? '');
  if (!m || m[1] === undefined) return false;
  const a = Buffer.from(m[1].trim());
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
