import type { ReactNode } from 'react';
import { isAdmin } from '../../app/permissions';
import { useSession } from '../../app/session';
import { NoAccess } from '../../ui/NoAccess';

/** Pages the API keeps to administrators (webhooks, mail): service managers get the no-access page. */
export function AdminOnly({ children }: { children: ReactNode }) {
  const { user } = useSession();
  return isAdmin(user.role) ? children : <NoAccess />;
}
