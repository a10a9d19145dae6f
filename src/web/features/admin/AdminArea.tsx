import { Outlet } from '@tanstack/react-router';
import { canReadAdmin } from '../../app/permissions';
import { useSession } from '../../app/session';
import { NoAccess } from '../../ui/NoAccess';

/** The admin area: admins manage it, service managers may read it, nobody else sees it. */
export function AdminArea() {
  const { user } = useSession();
  return canReadAdmin(user.role) ? <Outlet /> : <NoAccess />;
}
