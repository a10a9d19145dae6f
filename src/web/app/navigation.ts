import {
  type Icon,
  IconBuildingSkyscraper,
  IconCalendarEvent,
  IconCalendarRepeat,
  IconCalendarTime,
  IconChecklist,
  IconClockHour4,
  IconGitPullRequest,
  IconHistory,
  IconHome,
  IconKey,
  IconMail,
  IconMailOpened,
  IconPlus,
  IconServer,
  IconStairsUp,
  IconTicket,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
  IconWebhook,
} from '@tabler/icons-react';
import type { Role } from '../../contracts/common.js';
import type { MessageKey } from '../i18n/t';
import { canReadAdmin, canReadAudit, isAdmin, isStaff } from './permissions';

/**
 * The navigation, in one place. A feature adds its page here and in ./router.tsx; an item is shown
 * only to roles that may open it — there are no placeholders for pages that do not exist yet.
 */
export type AppPath =
  | '/'
  | '/tickets'
  | '/changes'
  | '/maintenance/tasks'
  | '/maintenance/plans'
  | '/maintenance/windows'
  | '/maintenance/services'
  | '/admin/organisations'
  | '/admin/users'
  | '/admin/teams'
  | '/admin/audit'
  | '/admin/calendars'
  | '/admin/sla-policies'
  | '/admin/escalation'
  | '/admin/webhooks'
  | '/admin/mailboxes'
  | '/admin/inbound-mail'
  | '/portal/tickets'
  | '/portal/tickets/new'
  | '/account'
  | '/account/tokens';

export type NavItem = {
  to: AppPath;
  label: MessageKey;
  icon: Icon;
  visible?: (role: Role) => boolean;
};

export type NavSection = { id: string; label?: MessageKey; items: NavItem[] };

const sections: NavSection[] = [
  {
    id: 'main',
    items: [
      { to: '/tickets', label: 'nav.tickets', icon: IconTicket, visible: isStaff },
      { to: '/changes', label: 'nav.changes', icon: IconGitPullRequest, visible: isStaff },
      { to: '/maintenance/tasks', label: 'nav.maintenanceTasks', icon: IconChecklist, visible: isStaff },
      { to: '/maintenance/plans', label: 'nav.maintenancePlans', icon: IconCalendarRepeat, visible: isStaff },
      {
        to: '/maintenance/windows',
        label: 'nav.maintenanceWindows',
        icon: IconCalendarEvent,
        visible: isStaff,
      },
      { to: '/maintenance/services', label: 'nav.services', icon: IconServer, visible: isStaff },
      { to: '/', label: 'nav.home', icon: IconHome },
    ],
  },
  {
    id: 'admin',
    label: 'nav.admin',
    items: [
      {
        to: '/admin/organisations',
        label: 'nav.organisations',
        icon: IconBuildingSkyscraper,
        visible: canReadAdmin,
      },
      { to: '/admin/users', label: 'nav.users', icon: IconUsers, visible: canReadAdmin },
      { to: '/admin/teams', label: 'nav.teams', icon: IconUsersGroup, visible: canReadAdmin },
      { to: '/admin/audit', label: 'nav.audit', icon: IconHistory, visible: canReadAudit },
    ],
  },
  {
    id: 'service-levels',
    label: 'nav.serviceLevels',
    items: [
      { to: '/admin/calendars', label: 'nav.calendars', icon: IconCalendarTime, visible: canReadAdmin },
      { to: '/admin/sla-policies', label: 'nav.slaPolicies', icon: IconClockHour4, visible: canReadAdmin },
      { to: '/admin/escalation', label: 'nav.escalation', icon: IconStairsUp, visible: canReadAdmin },
    ],
  },
  {
    id: 'integrations',
    label: 'nav.integrations',
    items: [
      { to: '/admin/webhooks', label: 'nav.webhooks', icon: IconWebhook, visible: isAdmin },
      { to: '/admin/mailboxes', label: 'nav.mailboxes', icon: IconMail, visible: isAdmin },
      { to: '/admin/inbound-mail', label: 'nav.inboundMail', icon: IconMailOpened, visible: isAdmin },
    ],
  },
  {
    id: 'account',
    label: 'nav.account',
    items: [
      { to: '/account', label: 'nav.accountDetails', icon: IconUserCircle },
      { to: '/account/tokens', label: 'nav.tokens', icon: IconKey },
    ],
  },
];

/** The customer portal's few destinations (requesters and customer managers). */
export const portalNavigation: NavItem[] = [
  { to: '/', label: 'nav.home', icon: IconHome },
  { to: '/portal/tickets', label: 'nav.portalTickets', icon: IconTicket },
  { to: '/portal/tickets/new', label: 'nav.portalNewTicket', icon: IconPlus },
];

/** The sections and items this role may see; empty sections are dropped. */
export function navigationFor(role: Role): NavSection[] {
  return sections
    .map((section) => ({ ...section, items: section.items.filter((item) => item.visible?.(role) ?? true) }))
    .filter((section) => section.items.length > 0);
}

/** Is `path` the item's page or below it? Home matches only itself. */
export function isActivePath(item: AppPath, path: string): boolean {
  if (item === '/') return path === '/';
  return path === item || (path.startsWith(`${item}/`) && item !== '/account');
}
