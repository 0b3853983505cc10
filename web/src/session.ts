import type { SessionDto } from '@shared/contracts.ts';
import { QueryCache, QueryClient, type QueryKey } from '@tanstack/react-query';
import { isUnauthenticated, setCsrfToken } from './api/client.ts';
import { retryRead } from './api/retry.ts';

export const sessionKey = ['session'] as const;

function isSessionKey(key: QueryKey): boolean {
  return key[0] === sessionKey[0];
}

/** Forgets every cached API answer except the session itself. */
function dropUserData(client: QueryClient): void {
  client.removeQueries({ predicate: (query) => !isSessionKey(query.queryKey) });
}

/** Records a fresh session (after login): new CSRF token, no data left from a previous user. */
export function applySession(client: QueryClient, session: SessionDto): void {
  setCsrfToken(session.csrfToken);
  dropUserData(client);
  client.setQueryData(sessionKey, session);
}

/** Back to the login page: after logout, or whenever the API answers 401. */
export function clearSession(client: QueryClient): void {
  setCsrfToken(undefined);
  client.setQueryData(sessionKey, null);
  // Removing queries from inside a query's own error callback is deferred a tick.
  setTimeout(() => dropUserData(client), 0);
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isUnauthenticated(error) && !isSessionKey(query.queryKey)) clearSession(client);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: retryRead,
      },
      mutations: { retry: false },
    },
  });
  return client;
}
