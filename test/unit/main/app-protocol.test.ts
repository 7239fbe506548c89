import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  contentSecurityPolicy,
  createAppProtocolHandler,
  isRendererUrl,
  isSameDocument,
} from '../../../electron/main/app-protocol';
import { createTempDirs } from '../../support/temp-dir';

const dirs = createTempDirs('shardwatch-proto-');
let root: string;
let rendererDir: string;
beforeAll(() => {
  root = dirs.make();
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'outside the renderer');
});
afterAll(() => dirs.cleanup());

describe('content security policy', () => {
  it('is strict: nothing by default, scripts from self only, no network', () => {
    const csp = contentSecurityPolicy();
    const directives = new Map(
      csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]),
    );
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'none'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(directives.get('script-src')).not.toMatch(/unsafe-inline/);
  });

  it('adds only the dev server HMR socket in development', () => {
    expect(contentSecurityPolicy('http://localhost:5173/')).toContain(
      "connect-src 'self' ws://localhost:5173",
    );
  });
});

describe('renderer URL checks', () => {
  it('accepts our document with any hash route, nothing else', () => {
    expect(isRendererUrl(APP_INDEX_URL)).toBe(true);
    expect(isRendererUrl(`${APP_INDEX_URL}#/profiles/p1`)).toBe(true);
    expect(isRendererUrl('app://shardwatch/')).toBe(true);
    for (const url of [
      'app://other/index.html',
      'app://shardwatch/assets/x.html',
      `${APP_INDEX_URL}?token=1`,
      'file:///app/out/renderer/index.html',
      'https://shardwatch/index.html',
      'http://localhost:5173/',
      '',
    ]) {
      expect(isRendererUrl(url), url).toBe(false);
    }
  });

  it('in development accepts the dev server index only', () => {
    const dev = 'http://localhost:5173';
    expect(isRendererUrl('http://localhost:5173/#/x', dev)).toBe(true);
    expect(isRendererUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isRendererUrl(APP_INDEX_URL, dev)).toBe(false);
  });

  it('tells a hash change from leaving the document', () => {
    expect(isSameDocument(`${APP_INDEX_URL}#/a`, `${APP_INDEX_URL}#/b`)).toBe(true);
    expect(isSameDocument(APP_INDEX_URL, 'https://github.com/')).toBe(false);
    expect(isSameDocument(APP_INDEX_URL, 'app://shardwatch/other.html')).toBe(false);
    expect(isSameDocument(APP_INDEX_URL, 'not a url')).toBe(false);
  });
});

describe('app: protocol handler', () => {
  const csp = contentSecurityPolicy();
  const handler = () => createAppProtocolHandler({ rendererDir, csp });

  it('serves the renderer with the CSP and nosniff headers', async () => {
    const res = await handler()(new Request(APP_INDEX_URL));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(csp);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('<title>x</title>');
    const js = await handler()(new Request('app://shardwatch/assets/app.js'));
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    const root = await handler()(new Request('app://shardwatch/'));
    expect(root.status).toBe(200);
  });

  it('serves nothing outside the renderer folder, on another host, or for other methods', async () => {
    for (const url of [
      'app://shardwatch/../secret.txt',
      'app://shardwatch/%2e%2e/secret.txt',
      'app://shardwatch/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://shardwatch/missing.js',
      'app://other/index.html',
      'app://shardwatch/assets',
    ]) {
      const res = await handler()(new Request(url));
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-security-policy')).toBe(csp);
      expect(await res.text()).not.toContain('outside the renderer');
    }
    const post = await handler()(new Request(APP_INDEX_URL, { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
  });
});
