import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Session } from '../../contracts/auth.js';
import { ApiError, api, request, setCsrfToken } from './api';

export const sessionKey = ['session'] as const;
export const setupKey = ['setup'] as const;

/** The current session, or null when nobody is signed in. Keeps the CSRF token in step. */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await request<Session>('GET', '/auth/session', { allowUnauthenticated: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export const sessionQuery = queryOptions({
  queryKey: sessionKey,
  queryFn: fetchSession,
  staleTime: 5 * 60_000,
  retry: false,
});

export const setupQuery = queryOptions({
  queryKey: setupKey,
  queryFn: () => api.get<{ needsSetup: boolean }>('/setup'),
  staleTime: 60_000,
  retry: false,
});

/** The signed-in session. Only for pages under the authenticated layout, which loads it first. */
export function useSession(): Session {
  const { data } = useQuery(sessionQuery);
  if (!data) throw new Error('useSession() used outside the authenticated layout');
  return data;
}
