/**
 * Which links may leave the app for the system browser. The renderer never
 * opens windows itself (every popup is denied); main opens a link with
 * `shell.openExternal` only when this says yes, because `openExternal` with a
 * `file:`, custom-scheme or attacker-chosen URL can launch local programs.
 */

/** Sites Shardwatch links to (documentation, source). Subdomains are included. */
export const EXTERNAL_HOSTS: readonly string[] = ['discord.com', 'github.com'];

/**
 * True only for a well-formed `https:` URL on an allowed host (or one of its
 * subdomains), with no credentials and the default port.
 */
export function isAllowedExternal(
  url: unknown,
  hosts: readonly string[] = EXTERNAL_HOSTS,
): boolean {
  if (typeof url !== 'string' || url.length > 2048) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:') return false;
  if (parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return false;
  // URL lower-cases and IDNA-encodes the host; a trailing dot is the same host to DNS.
  const host = parsed.hostname.replace(/\.$/, '');
  return hosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}
