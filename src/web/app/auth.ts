import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { Session } from '../../contracts/auth.js';
import { api, setCsrfToken } from './api';
import { leaveSession, sessionKey, setupKey } from './session';

/** After login or setup: remember the session and its CSRF token. */
export function useAcceptSession(): (session: Session) => void {
  const queryClient = useQueryClient();
  return (session) => {
    setCsrfToken(session.csrfToken);
    queryClient.setQueryData(sessionKey, session);
    queryClient.setQueryData(setupKey, { needsSetup: false });
  };
}

/** Sign out, forget everything cached for this user, and go to the sign-in page. */
export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    onSettled: () => leaveSession(queryClient, () => navigate({ to: '/login' })),
  });
}
