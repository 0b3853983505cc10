/**
 * A minimal client-side router over the History API: the app has a handful of
 * pages, so a path and a query string in React state are enough. The server
 * answers every HTML request with index.html (src/http/web-app.ts).
 */
import { type MouseEvent, useSyncExternalStore } from 'react';
import { inAppHref, locationOf } from './location.ts';

const changeEvent = 'guichet:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(changeEvent, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(changeEvent, onChange);
  };
}

const currentLocation = (): string => window.location.pathname + window.location.search;

/** The current path and query string (`/reports?period=2020`); re-renders on navigation. */
export function useLocation(): { pathname: string; search: string } {
  const href = useSyncExternalStore(subscribe, currentLocation, () => '/');
  return locationOf(href);
}

/**
 * Goes to `href` (same origin). `replace` rewrites the current history entry
 * instead of adding one (e.g. while a form's fields change).
 */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (href === currentLocation()) return;
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(changeEvent));
}

/**
 * Click handler for an `<a href>` inside the app: plain left clicks navigate
 * without reloading; modified clicks (new tab, download) keep the browser's behaviour.
 */
export function followLink(event: MouseEvent<HTMLAnchorElement>): void {
  const href = inAppHref(event, event.currentTarget.getAttribute('href'));
  if (href === null) return;
  event.preventDefault();
  navigate(href);
  window.scrollTo(0, 0);
}
