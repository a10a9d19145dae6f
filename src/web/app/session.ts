import { type QueryClient, queryOptions } from '@tanstack/react-query';
import { createContext, use } from 'react';
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

/** Provided by the authenticated frame (shell/AppFrame), which loads the session before it renders. */
export const SessionContext = createContext<Session | null>(null);

/** The signed-in session, for anything rendered inside the authenticated frame. */
export function useSession(): Session {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession() used outside the authenticated frame');
  return session;
}

/**
 * Sign-out in the browser: forget the session, go to the sign-in page, then drop every cached answer
 * (another person may sign in next in this tab). Dropping comes last so that the pages being left do
 * not refetch without a session.
 */
export async function leaveSession(queryClient: QueryClient, goToSignIn: () => Promise<void>): Promise<void> {
  setCsrfToken(null);
  queryClient.setQueryData(sessionKey, null);
  await goToSignIn();
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
}
