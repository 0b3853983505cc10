/**
 * The path a guard decides on. Never the raw URL: the router decodes
 * `/%61pi/users/1/disable` to the route `/api/users/:id/disable`, so a test on
 * `request.url` would let that request skip an `/api/` check (issue 16).
 */
import type { FastifyRequest } from 'fastify';

/**
 * The matched route's pattern (`/api/users/:id/disable`); for a request no
 * route matched (the not-found handler), its decoded path without the query.
 */
export function routePathOf(request: FastifyRequest): string {
  const route = request.routeOptions.url;
  if (route !== undefined) return route;
  const path = request.url.split('?', 1)[0] ?? '';
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Whether the request addresses the JSON API (by its route, not its raw URL). */
export const isApiRequest = (request: FastifyRequest): boolean =>
  routePathOf(request).startsWith('/api/');
