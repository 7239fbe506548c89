/**
 * Where the renderer comes from, and the policy it runs under.
 *
 * The built renderer is served from a private `app://shardwatch/` scheme
 * instead of `file://` (Electron security checklist: "avoid file://"):
 * - a `file://` page can read any other local file and has an opaque origin;
 *   `app://shardwatch` is a real, isolated origin that serves only
 *   `out/renderer` (no path escapes it);
 * - the handler sets the Content-Security-Policy *header* itself, which
 *   `file://` cannot carry reliably (`webRequest.onHeadersReceived` has not
 *   always fired for `file://`), so no `<meta>` tag in `renderer/index.html`
 *   is needed and browser mode keeps its own policy;
 * - the `grantFileProtocolExtraPrivileges` fuse can then be turned off.
 * In development (`electron-vite dev`) the renderer comes from the Vite dev
 * server instead, and the same policy (plus the HMR socket) is added to its
 * responses with `webRequest.onHeadersReceived`.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';

/** The private scheme of the renderer. */
export const APP_SCHEME = 'app';
/** The one host served on it. */
export const APP_HOST = 'shardwatch';
/** Origin of the renderer in a built app. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The renderer document in a built app. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * Privileges of the scheme; pass to `protocol.registerSchemesAsPrivileged`
 * before the app is ready. `standard` + `secure` give it a real origin and a
 * secure context (ES modules, `crypto.subtle`); nothing bypasses CSP.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    corsEnabled: true,
    codeCache: true,
  },
};

/**
 * The renderer's Content-Security-Policy. The renderer talks to the core only
 * through the preload bridge, so it needs no network at all (`connect-src
 * 'none'`); the dev server adds its HMR WebSocket. Inline styles stay allowed
 * because Vue style bindings and uPlot set `style` attributes.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  let connect = "'none'";
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    connect = `'self' ${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}`;
  }
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "manifest-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` is our renderer document: `app://shardwatch/index.html`
 * (or the dev server's index) with any `#route`, and nothing else.
 */
export function isRendererUrl(url: string, devServerUrl?: string): boolean {
  const u = parse(url);
  if (!u || u.search !== '' || u.username !== '' || u.password !== '') return false;
  const isIndex = u.pathname === '/' || u.pathname === '/index.html';
  if (devServerUrl) {
    const dev = parse(devServerUrl);
    return dev !== null && u.origin === dev.origin && isIndex;
  }
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && isIndex;
}

/** True when `target` is the same document as `current`, differing at most in `#hash`. */
export function isSameDocument(current: string, target: string): boolean {
  const a = parse(current);
  const b = parse(target);
  if (!a || !b) return false;
  a.hash = '';
  b.hash = '';
  return a.href === b.href;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

function textResponse(status: number, text: string, csp: string): Response {
  return new Response(`${text}\n`, {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/**
 * The `app:` protocol handler: serves files under `rendererDir` only, GET and
 * HEAD only, with the CSP and hardening headers on every response.
 */
export function createAppProtocolHandler(opts: {
  rendererDir: string;
  csp: string;
}): (request: Request) => Promise<Response> {
  const root = resolve(opts.rendererDir);
  const { csp } = opts;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return textResponse(405, 'Only GET is served here.', csp);
    }
    const url = parse(request.url);
    if (!url || url.host !== APP_HOST) return textResponse(404, 'Not found.', csp);
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return textResponse(400, 'Bad path.', csp);
    }
    if (path === '/' || path === '') path = '/index.html';
    const file = resolve(root, `.${path}`);
    const rel = relative(root, file);
    if (
      rel === '' ||
      rel.startsWith(`..${sep}`) ||
      rel === '..' ||
      isAbsolute(rel) ||
      path.includes('\0')
    ) {
      return textResponse(404, 'Not found.', csp);
    }
    try {
      if (!(await stat(file)).isFile()) return textResponse(404, 'Not found.', csp);
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: {
          'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
          'Content-Security-Policy': csp,
          'X-Content-Type-Options': 'nosniff',
          'Referrer-Policy': 'no-referrer',
          'Cross-Origin-Opener-Policy': 'same-origin',
          'Cache-Control': 'no-cache',
        },
      });
    } catch {
      return textResponse(404, 'Not found.', csp);
    }
  };
}
