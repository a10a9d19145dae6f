import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import type { Ticket } from '../../../../contracts/tickets.js';
import { t } from '../../../i18n/t';
import { savedViewsQuery, useDeskDirectory, useTicketList } from './api';
import {
  builtInViews,
  DEFAULT_SORT,
  filtersOf,
  parseQueueSearch,
  type QueueSearch,
  type QueueView,
  sameQuery,
  savedQueueView,
  type TicketSort,
} from './search';

/** Built-in views for my teams, and the saved views the server lists for me (with live counts). */
export function useQueueViews() {
  const { myTeams, teamById } = useDeskDirectory();
  const savedQuery = useQuery(savedViewsQuery);
  return {
    builtIn: builtInViews(myTeams),
    saved: (savedQuery.data ?? []).map(savedQueueView),
    savedQuery,
    teamName: (id: string) => teamById.get(id)?.name ?? t('common.unknown'),
  };
}

export type Selection = ReturnType<typeof useSelection>;

/** Selected ticket ids; a new view or filter starts with none. */
function useSelection(resetKey: string) {
  const [state, setState] = useState<{ key: string; selected: ReadonlySet<string> }>({
    key: resetKey,
    selected: new Set(),
  });
  // Reset during render (not in an effect) so the old selection is never shown with the new list.
  if (state.key !== resetKey) setState({ key: resetKey, selected: new Set() });
  const setSelected = (selected: ReadonlySet<string>) => setState({ key: resetKey, selected });
  const toggle = (ticket: Ticket) =>
    setState((current) => {
      const next = new Set(current.selected);
      if (next.has(ticket.id)) next.delete(ticket.id);
      else next.add(ticket.id);
      return { key: current.key, selected: next };
    });
  return { selected: state.selected, setSelected, toggle };
}

/**
 * The queue page's state, all from the URL: the view, the filters and sort (and whether they differ
 * from the view's), the tickets they list, and the selection.
 */
export function useQueueState() {
  const search = parseQueueSearch(useSearch({ strict: false }) as Record<string, unknown>);
  const navigate = useNavigate();
  const go = (next: QueueSearch, replace = false) => navigate({ to: '/tickets', search: next, replace });
  const views = useQueueViews();
  const filters = filtersOf(search);
  const sort: TicketSort = search.sort ?? DEFAULT_SORT;
  const view: QueueView | undefined = [...views.builtIn, ...views.saved].find(
    (item) => item.id === search.view,
  );
  const modified = view !== undefined && !sameQuery(view.filters, filters, view.sort, sort);
  const list = useTicketList({ ...filters, sort });
  const selection = useSelection(JSON.stringify(search));
  return { search, go, views, filters, sort, view, modified, list, selection };
}
export type QueueState = ReturnType<typeof useQueueState>;
