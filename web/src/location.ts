/**
 * The pure half of the router (router.ts): an address as path and query, and
 * which clicks on a link the app follows itself. No React, no DOM.
 */

/** The path and query string of an address (`/reports?period=2020`), relative to any origin. */
export function locationOf(href: string): { pathname: string; search: string } {
  const url = new URL(href, 'http://localhost');
  return { pathname: url.pathname, search: url.search };
}

/** What of a click on a link decides who follows it. */
export type LinkClick = {
  defaultPrevented: boolean;
  button: number;
  metaKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
};

/**
 * The address the app goes to itself for this click, or null to leave it to
 * the browser: modified clicks (new tab, download), other buttons, and links
 * not written as a path (`https://…`, `mailto:`, `#top`) stay the browser's.
 */
export function inAppHref(click: LinkClick, href: string | null): string | null {
  if (click.defaultPrevented || click.button !== 0) return null;
  if (click.metaKey || click.ctrlKey || click.shiftKey || click.altKey) return null;
  if (href === null || !href.startsWith('/')) return null;
  return href;
}
