import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { AccountPage } from '../features/account/AccountPage';
import { TokensPage } from '../features/account/tokens/TokensPage';
import { AdminArea } from '../features/admin/AdminArea';
import { AuditPage } from '../features/admin/audit/AuditPage';
import { OrganisationsPage } from '../features/admin/organisations/OrganisationsPage';
import { TeamsPage } from '../features/admin/teams/TeamsPage';
import { UsersPage } from '../features/admin/users/UsersPage';
import { LoginPage } from '../features/auth/LoginPage';
import { ResetConfirmPage } from '../features/auth/ResetConfirmPage';
import { ResetRequestPage } from '../features/auth/ResetRequestPage';
import { SetupPage } from '../features/auth/SetupPage';
import { HomePage } from '../features/home/HomePage';
import { NewTicketPage } from '../features/portal/NewTicketPage';
import { PortalTicketPage } from '../features/portal/PortalTicketPage';
import { PortalTicketsPage } from '../features/portal/PortalTicketsPage';
import { NotFoundPage } from '../ui/NotFoundPage';
import { RouteError } from '../ui/RouteError';
import { isStaff } from './permissions';
import { sessionQuery, setupQuery } from './session';
import { AppFrame } from './shell/AppFrame';
import { PublicFrame } from './shell/PublicFrame';

export type RouterContext = { queryClient: QueryClient };

type LoginSearch = { redirect?: string; expired?: boolean };

const optionalString = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteError,
});

/** Pages for people who are not signed in. */
const publicLayout = createRoute({ getParentRoute: () => rootRoute, id: 'public', component: PublicFrame });

const loginRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): LoginSearch => ({
    redirect: optionalString(search.redirect),
    expired: search.expired === true || search.expired === 'true' ? true : undefined,
  }),
  beforeLoad: async ({ context }) => {
    const { needsSetup } = await context.queryClient.ensureQueryData(setupQuery);
    if (needsSetup) throw redirect({ to: '/setup' });
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (session) throw redirect({ to: '/' });
  },
  component: LoginPage,
});

const setupRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: '/setup',
  beforeLoad: async ({ context }) => {
    const { needsSetup } = await context.queryClient.fetchQuery(setupQuery);
    if (!needsSetup) throw redirect({ to: '/login' });
  },
  component: SetupPage,
});

const forgotRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: '/forgot-password',
  component: ResetRequestPage,
});

const resetRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: '/reset-password',
  validateSearch: (search: Record<string, unknown>): { token?: string } => ({
    token: optionalString(search.token),
  }),
  component: ResetConfirmPage,
});

/** Everything else needs a session; without one, go to setup (first run) or sign-in. */
const appLayout = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (session) return;
    const { needsSetup } = await context.queryClient.fetchQuery(setupQuery);
    if (needsSetup) throw redirect({ to: '/setup' });
    const target = location.href === '/' ? undefined : location.href;
    throw redirect({ to: '/login', search: { redirect: target } });
  },
  component: AppFrame,
});

const homeRoute = createRoute({ getParentRoute: () => appLayout, path: '/', component: HomePage });

const adminLayout = createRoute({ getParentRoute: () => appLayout, path: '/admin', component: AdminArea });
const adminIndexRoute = createRoute({
  getParentRoute: () => adminLayout,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/admin/organisations' });
  },
});
const organisationsRoute = createRoute({
  getParentRoute: () => adminLayout,
  path: '/organisations',
  component: OrganisationsPage,
});
const usersRoute = createRoute({ getParentRoute: () => adminLayout, path: '/users', component: UsersPage });
const teamsRoute = createRoute({ getParentRoute: () => adminLayout, path: '/teams', component: TeamsPage });
const auditRoute = createRoute({ getParentRoute: () => adminLayout, path: '/audit', component: AuditPage });

/** The customer portal: requesters and customer managers; staff have the staff pages instead. */
const portalLayout = createRoute({
  getParentRoute: () => appLayout,
  path: '/portal',
  beforeLoad: async ({ context }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (session && isStaff(session.user.role)) throw redirect({ to: '/' });
  },
});
const portalTicketsRoute = createRoute({
  getParentRoute: () => portalLayout,
  path: '/tickets',
  component: PortalTicketsPage,
});
const portalNewTicketRoute = createRoute({
  getParentRoute: () => portalLayout,
  path: '/tickets/new',
  component: NewTicketPage,
});
const portalTicketRoute = createRoute({
  getParentRoute: () => portalLayout,
  path: '/tickets/$ref',
  component: PortalTicketPage,
});

const accountRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/account',
  component: AccountPage,
});
const tokensRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/account/tokens',
  component: TokensPage,
});

const routeTree = rootRoute.addChildren([
  publicLayout.addChildren([loginRoute, setupRoute, forgotRoute, resetRoute]),
  appLayout.addChildren([
    homeRoute,
    adminLayout.addChildren([adminIndexRoute, organisationsRoute, usersRoute, teamsRoute, auditRoute]),
    portalLayout.addChildren([portalTicketsRoute, portalNewTicketRoute, portalTicketRoute]),
    accountRoute,
    tokensRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
