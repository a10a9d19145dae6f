import type { Team } from '../../../../contracts/directory.js';
import type { SavedView } from '../../../../contracts/ticket-views.js';
import { t } from '../../../i18n/t';

/**
 * The queue's state lives in the URL (/tickets?view=…&status=open,new&sort=slaDue): a view, the
 * filters in the query-string form GET /api/v1/tickets takes (and saved views store), and a sort.
 * A link, a reload or the back button shows the same list.
 */
export const FILTER_KEYS = [
  'q',
  'status',
  'type',
  'priority',
  'tier',
  'teamId',
  'assigneeId',
  'organisationId',
  'tag',
  'sla',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type QueueFilters = Partial<Record<FilterKey, string>>;

export const SORTS = [
  '-updatedAt',
  'updatedAt',
  'slaDue',
  '-slaDue',
  'priority',
  '-priority',
  '-createdAt',
  'createdAt',
  '-number',
  'number',
] as const;
export type TicketSort = (typeof SORTS)[number];
export const DEFAULT_SORT: TicketSort = '-updatedAt';

export type QueueSearch = QueueFilters & { view?: string; sort?: TicketSort };

/** Everything but resolved and closed: the work still to do. */
export const OPEN_STATUSES = 'new,open,pending_customer,pending_third_party,on_hold';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim().slice(0, 2000) : undefined;

/** The route's validateSearch: known keys only, strings only; the server judges the values. */
export function parseQueueSearch(search: Record<string, unknown>): QueueSearch {
  const parsed: QueueSearch = {};
  for (const key of FILTER_KEYS) {
    const value = text(search[key]);
    if (value) parsed[key] = value;
  }
  const view = text(search.view);
  if (view) parsed.view = view;
  const sort = text(search.sort);
  if (sort && (SORTS as readonly string[]).includes(sort)) parsed.sort = sort as TicketSort;
  return parsed;
}

export function filtersOf(search: QueueSearch): QueueFilters {
  const filters: QueueFilters = {};
  for (const key of FILTER_KEYS) if (search[key]) filters[key] = search[key];
  return filters;
}

export function hasFilters(filters: QueueFilters): boolean {
  return FILTER_KEYS.some((key) => Boolean(filters[key]));
}

/** Same filters and sort, whatever the order of keys and of comma-separated values. */
export function sameQuery(a: QueueFilters, b: QueueFilters, sortA: string, sortB: string): boolean {
  const norm = (value: string | undefined) => (value ?? '').split(',').filter(Boolean).sort().join(',');
  return sortA === sortB && FILTER_KEYS.every((key) => norm(a[key]) === norm(b[key]));
}

/** A view the sidebar lists: built in (computed for whoever looks) or saved on the server. */
export type QueueView = {
  id: string;
  name: string;
  filters: QueueFilters;
  sort: TicketSort;
  saved?: SavedView;
};

export const MY_OPEN_VIEW = 'builtin:mine';
const MY_OPEN_FILTERS: QueueFilters = { status: OPEN_STATUSES, assigneeId: 'me' };

/** Where /tickets without a query lands: my open tickets, soonest SLA first. */
export const MY_OPEN_SEARCH: QueueSearch = { view: MY_OPEN_VIEW, ...MY_OPEN_FILTERS, sort: 'slaDue' };

/** The built-in views: mine, each of my teams' unassigned tickets and queue by SLA due, breaching, all open. */
export function builtInViews(myTeams: Team[]): QueueView[] {
  const open = { status: OPEN_STATUSES };
  const views: QueueView[] = [
    { id: MY_OPEN_VIEW, name: t('queue.view.mine'), filters: MY_OPEN_FILTERS, sort: 'slaDue' },
  ];
  if (myTeams.length === 0) {
    views.push({
      id: 'builtin:unassigned',
      name: t('queue.view.unassigned'),
      filters: { ...open, assigneeId: 'none' },
      sort: 'slaDue',
    });
  }
  for (const team of myTeams) {
    views.push({
      id: `builtin:unassigned:${team.id}`,
      name: t('queue.view.unassignedIn', { team: team.name }),
      filters: { ...open, teamId: team.id, assigneeId: 'none' },
      sort: 'slaDue',
    });
    views.push({
      id: `builtin:team:${team.id}`,
      name: t('queue.view.teamQueue', { team: team.name }),
      filters: { ...open, teamId: team.id },
      sort: 'slaDue',
    });
  }
  views.push(
    {
      id: 'builtin:breaching',
      name: t('queue.view.breaching'),
      filters: { sla: 'breaching' },
      sort: 'slaDue',
    },
    { id: 'builtin:open', name: t('queue.view.open'), filters: open, sort: DEFAULT_SORT },
  );
  return views;
}

export function savedQueueView(view: SavedView): QueueView {
  return {
    id: view.id,
    name: view.name,
    filters: view.filters as QueueFilters,
    sort: view.sort,
    saved: view,
  };
}

/** The URL search that shows a view. */
export function searchForView(view: QueueView): QueueSearch {
  return { view: view.id, ...view.filters, sort: view.sort };
}
