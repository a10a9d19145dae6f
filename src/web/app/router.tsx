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
import { BusinessCalendarPage } from '../features/admin/calendars/BusinessCalendarPage';
import { BusinessCalendarsPage } from '../features/admin/calendars/BusinessCalendarsPage';
import { EscalationPage } from '../features/admin/escalation/EscalationPage';
import { InboundMailPage } from '../features/admin/inbound-mail/InboundMailPage';
import { MailboxesPage } from '../features/admin/mailboxes/MailboxesPage';
import { OrganisationsPage } from '../features/admin/organisations/OrganisationsPage';
import { SlaPoliciesPage } from '../features/admin/sla-policies/SlaPoliciesPage';
import { TeamsPage } from '../features/admin/teams/TeamsPage';
import { UsersPage } from '../features/admin/users/UsersPage';
import { WebhookPage } from '../features/admin/webhooks/WebhookPage';
import { WebhooksPage } from '../features/admin/webhooks/WebhooksPage';
import { LoginPage } from '../features/auth/LoginPage';
import { ResetConfirmPage } from '../features/auth/ResetConfirmPage';
import { ResetRequestPage } from '../features/auth/ResetRequestPage';
import { SetupPage } from '../features/auth/SetupPage';
import { BacklogPage } from '../features/changes/BacklogPage';
import { CalendarPage } from '../features/changes/CalendarPage';
import { ChangePage } from '../features/changes/ChangePage';
import { ChangesPage } from '../features/changes/ChangesPage';
import { NewChangePage } from '../features/changes/NewChangePage';
import { HomePage } from '../features/home/HomePage';
import { ServicePage } from '../features/maintenance/ServicePage';
import { ServicesPage } from '../features/maintenance/ServicesPage';
import { WindowsPage } from '../features/maintenance/WindowsPage';
import { NewPlanPage, PlanPage } from '../features/plans/PlanEditorPage';
import { PlansPage } from '../features/plans/PlansPage';
import { TaskPage } from '../features/plans/TaskPage';
import { parseTasksSearch, TasksPage } from '../features/plans/TasksPage';
import { NewTicketPage } from '../features/portal/NewTicketPage';
import { PortalTicketPage } from '../features/portal/PortalTicketPage';
import { PortalTicketsPage } from '../features/portal/PortalTicketsPage';
import { TicketPage } from '../features/tickets/detail/TicketPage';
import { QueuePage } from '../features/tickets/queue/QueuePage';
import { MY_OPEN_SEARCH, parseQueueSearch } from '../features/tickets/queue/search';
import { NotFoundPage } from '../ui/NotFoundPage';
import { RouteError } from '../ui/RouteError';
import { canManageSla, isStaff } from './permissions';
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
const calendarsRoute = createRoute({
  getParentRoute: () => adminLayout,
  path: '/calendars',
  component: BusinessCalendarsPage,
});
const calendarRoute = createRoute({
  getParentRoute: () => adminLayout,
  path: '/calendars/$id',
  component: BusinessCalendarPage,
});
const slaPoliciesRoute = createRoute({
  getParentRoute: () => adminLayout,
  path: '/sla-policies',
  component: SlaPoliciesPage,
});
const escalationRoute = createRoute({
  getParentRoute: () => adminLayout,
  path: '/escalation',
  component: EscalationPage,
});
const webhooksRoute = createRoute({
  getParentRoute: () => adminLayout,
  path: '/webhooks',
  component: WebhooksPage,
});
const webhookRoute = createRoute({
  getParentRoute: () => adminLayout,
  path: '/webhooks/$id',
  component: WebhookPage,
});
const mailboxesRoute = createRoute({
  getParentRoute: () => adminLayout,
  path: '/mailboxes',
  component: MailboxesPage,
});
const inboundMailRoute = createRoute({
  getParentRoute: () => adminLayout,
  path: '/inbound-mail',
  component: InboundMailPage,
});

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

/** The staff queue; the URL holds its view, filters and sort. Without any, it opens "My open tickets". */
const queueRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/tickets',
  validateSearch: parseQueueSearch,
  beforeLoad: async ({ context, search }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (session && !isStaff(session.user.role)) throw redirect({ to: '/portal/tickets' });
    if (Object.keys(search).length === 0)
      throw redirect({ to: '/tickets', search: MY_OPEN_SEARCH, replace: true });
  },
  component: QueuePage,
});

/** The agent's ticket page (by number or id); customers read tickets in the portal. */
const ticketRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/tickets/$ref',
  beforeLoad: async ({ context, params }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (session && !isStaff(session.user.role)) {
      throw redirect({ to: '/portal/tickets/$ref', params: { ref: params.ref } });
    }
  },
  component: TicketPage,
});

/** Change requests: staff work them; customers read their organisation's (and approve where asked). */
const changesRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/changes',
  component: ChangesPage,
});
const newChangeRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/changes/new',
  beforeLoad: async ({ context }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (session && !isStaff(session.user.role)) throw redirect({ to: '/changes' });
  },
  component: NewChangePage,
});
const changeCalendarRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/changes/calendar',
  component: CalendarPage,
});
const changeBacklogRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/changes/backlog',
  component: BacklogPage,
});
const changeRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/changes/$ref',
  component: ChangePage,
});

/** Maintenance plans and their tasks: staff pages (customer managers read them through the API). */
const staffOnly = async ({ context }: { context: { queryClient: QueryClient } }) => {
  const session = await context.queryClient.ensureQueryData(sessionQuery);
  if (session && !isStaff(session.user.role)) throw redirect({ to: '/' });
};
const plansRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/maintenance/plans',
  beforeLoad: staffOnly,
  component: PlansPage,
});
const newPlanRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/maintenance/plans/new',
  beforeLoad: async ({ context }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (session && !canManageSla(session.user.role)) throw redirect({ to: '/maintenance/plans' });
  },
  component: NewPlanPage,
});
const planRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/maintenance/plans/$id',
  beforeLoad: staffOnly,
  component: PlanPage,
});
const maintenanceTasksRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/maintenance/tasks',
  validateSearch: parseTasksSearch,
  beforeLoad: staffOnly,
  component: TasksPage,
});
const maintenanceTaskRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/maintenance/tasks/$ref',
  beforeLoad: staffOnly,
  component: TaskPage,
});

/** The service registry and the maintenance windows calendar: staff pages. */
const servicesRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/maintenance/services',
  beforeLoad: staffOnly,
  component: ServicesPage,
});
const serviceRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/maintenance/services/$id',
  beforeLoad: staffOnly,
  component: ServicePage,
});
const windowsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: '/maintenance/windows',
  beforeLoad: staffOnly,
  component: WindowsPage,
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
    adminLayout.addChildren([
      adminIndexRoute,
      organisationsRoute,
      usersRoute,
      teamsRoute,
      auditRoute,
      calendarsRoute,
      calendarRoute,
      slaPoliciesRoute,
      escalationRoute,
      webhooksRoute,
      webhookRoute,
      mailboxesRoute,
      inboundMailRoute,
    ]),
    portalLayout.addChildren([portalTicketsRoute, portalNewTicketRoute, portalTicketRoute]),
    queueRoute,
    ticketRoute,
    changesRoute,
    newChangeRoute,
    changeCalendarRoute,
    changeBacklogRoute,
    changeRoute,
    plansRoute,
    newPlanRoute,
    planRoute,
    maintenanceTasksRoute,
    maintenanceTaskRoute,
    servicesRoute,
    serviceRoute,
    windowsRoute,
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
