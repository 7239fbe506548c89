/**
 * The address a profile's stored secrets are bound to: scheme, host, port
 * and path of the gateway URL they were saved for. Secrets are sent in the
 * upgrade headers to exactly this address and nowhere else; a URL whose
 * address differs needs them entered again (docs/architecture.md §3.7).
 *
 * Used by the core (which enforces it) and by the profile editor (which says
 * so as soon as the URL changes), so both agree on what "the same gateway"
 * means: the query string and fragment are not part of the address; letter
 * case of scheme and host, and a default port written out, make no
 * difference; the path is compared as written (`/gateway` is not `/gateway/`).
 */

const DEFAULT_PORTS: Readonly<Record<string, string>> = {
  'ws:': '80',
  'wss:': '443',
  'http:': '80',
  'https:': '443',
};

/**
 * The normalised address of a gateway URL, e.g. `wss://gw.example.com:443/gateway`,
 * or null when `url` is not an absolute URL.
 */
export function gatewayAddress(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return null;
  }
  if (u.host === '') return null;
  const port = u.port === '' ? (DEFAULT_PORTS[u.protocol] ?? '') : u.port;
  return `${u.protocol}//${u.hostname}${port === '' ? '' : `:${port}`}${u.pathname}`;
}

/** Whether secrets saved for `savedFor` may be sent to `url`. */
export function sameGatewayAddress(savedFor: string | null, url: string): boolean {
  const target = gatewayAddress(url);
  return savedFor !== null && target !== null && savedFor === target;
}

/** The address as a person reads it: without a default port. */
export function displayAddress(address: string): string {
  try {
    const u = new URL(address);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return address;
  }
}
