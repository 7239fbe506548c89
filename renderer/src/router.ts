/**
 * A tiny hash router: the app has six screens, so a dependency would cost more
 * than it saves. The hash keeps the page's `?token=` (browser mode) untouched,
 * and every screen is a plain link, so the browser's back button and keyboard
 * navigation work without extra code.
 */
import { readonly, shallowRef } from 'vue';
import type { Ref } from 'vue';

/** One screen of the app. */
export type Route =
  | { name: 'overview' }
  | { name: 'detail'; id: string; shard: number | null }
  | { name: 'edit'; id: string }
  | { name: 'new' }
  | { name: 'settings' }
  | { name: 'incidents' }
  | { name: 'not-found'; path: string };

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** Parse a location hash (`#/profile/abc?shard=3`) into a route. */
export function parseHash(hash: string): Route {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const [pathPart = '', queryPart = ''] = raw.split('?', 2);
  const path = pathPart === '' ? '/' : pathPart;
  const query = new URLSearchParams(queryPart);
  const parts = path.split('/').filter((p) => p !== '');

  if (parts.length === 0) return { name: 'overview' };
  if (parts.length === 1 && parts[0] === 'settings') return { name: 'settings' };
  if (parts.length === 1 && parts[0] === 'incidents') return { name: 'incidents' };
  if (parts.length === 1 && parts[0] === 'new') return { name: 'new' };
  if (parts[0] === 'profile' && parts[1] !== undefined) {
    const id = decode(parts[1]);
    if (id !== null && id !== '') {
      if (parts.length === 2) {
        const shardText = query.get('shard');
        const shard = shardText !== null && /^\d+$/.test(shardText) ? Number(shardText) : null;
        return { name: 'detail', id, shard };
      }
      if (parts.length === 3 && parts[2] === 'edit') return { name: 'edit', id };
    }
  }
  return { name: 'not-found', path };
}

/** The hash (with `#`) of a route; use it as a link's `href`. */
export function routeHref(route: Route): string {
  switch (route.name) {
    case 'overview':
      return '#/';
    case 'detail':
      return `#/profile/${encodeURIComponent(route.id)}${route.shard === null ? '' : `?shard=${route.shard}`}`;
    case 'edit':
      return `#/profile/${encodeURIComponent(route.id)}/edit`;
    case 'new':
      return '#/new';
    case 'settings':
      return '#/settings';
    case 'incidents':
      return '#/incidents';
    case 'not-found':
      return `#${route.path}`;
  }
}

/** Link to a profile's detail screen. */
export function profileHref(id: string, shard: number | null = null): string {
  return routeHref({ name: 'detail', id, shard });
}

/** Link to a profile's editor. */
export function editHref(id: string): string {
  return routeHref({ name: 'edit', id });
}

const current = shallowRef<Route>(parseHash(typeof location === 'undefined' ? '' : location.hash));

/** The current route, updated on every `hashchange` while the router is started. */
export function useRoute(): Readonly<Ref<Route>> {
  return readonly(current) as Readonly<Ref<Route>>;
}

/** Go to a route or a hash. */
export function navigate(to: Route | string): void {
  const hash = typeof to === 'string' ? to : routeHref(to);
  if (location.hash === hash) {
    current.value = parseHash(hash);
    return;
  }
  location.hash = hash;
  // hashchange fires asynchronously; update now so the next render sees it.
  current.value = parseHash(hash);
}

/** Follow `hashchange`; returns the function that stops following. */
export function startRouter(): () => void {
  const sync = (): void => {
    current.value = parseHash(location.hash);
  };
  sync();
  window.addEventListener('hashchange', sync);
  return () => window.removeEventListener('hashchange', sync);
}
