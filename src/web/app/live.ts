/**
 * Live updates: one EventSource per tab on GET /api/v1/live (Server-Sent Events). Each event only
 * says *what* changed; this module makes TanStack Query refetch it, so pages need no code of their
 * own to follow changes made by others — as long as their query keys follow this convention:
 *
 *   ['tickets', …]           every ticket list and count (queue, portal list, search, counts)
 *   ['ticket-views', …]      saved views and their counts
 *   ['ticket', <number>, …]  one ticket and all its parts, by number: ['ticket', 'T-10001', 'messages']
 *   ['ticket', <uuid>, …]    the same, for pages that load it by id
 *   ['home', …]              the home page's counts
 *   ['changes', …]           change requests (any `change.*` event)
 *   ['maintenance-tasks', …] maintenance tasks (any `maintenance_task.*` event)
 *
 * A `ticket.*` event invalidates the first five (lists, views, home, that ticket by number and id);
 * `resync` (events may have been missed) invalidates everything. Invalidations are gathered for a
 * moment and sent together, so a burst of events refetches each active query once.
 *
 * Hooks: `useLiveUpdates(enabled)` — once, in the signed-in frame (shell/AppFrame); `useLiveStatus()`
 * — 'connecting' | 'connected' | 'reconnecting'; `useLiveEvents(listener)` — every change event
 * (e.g. a ticket page saying "changed by someone else" when `event.byYou` is false).
 */
import { type QueryClient, type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { LiveEvent } from '../../contracts/live.js';
import { API_BASE } from './api';

export type { LiveEvent } from '../../contracts/live.js';
export type LiveStatus = 'connecting' | 'connected' | 'reconnecting';

/** The query-key prefixes an event makes stale (see the convention above). */
export function liveQueryKeys(event: LiveEvent): QueryKey[] {
  const { kind, id, number } = event.entity;
  if (kind === 'ticket') {
    const keys: QueryKey[] = [['tickets'], ['ticket-views'], ['home'], ['ticket', id]];
    if (number) keys.push(['ticket', number]);
    return keys;
  }
  if (kind === 'change') return [['changes']];
  if (kind === 'maintenance_task') return [['maintenance-tasks']];
  return [];
}

const GATHER_MS = 300;
/** Reopen delays after the server refused or failed the stream (the browser retries network drops itself). */
const REOPEN_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000, 60_000];
const REMEMBERED_IDS = 2_000;

let status: LiveStatus = 'connecting';
const statusListeners = new Set<() => void>();
const eventListeners = new Set<(event: LiveEvent) => void>();

function setStatus(next: LiveStatus): void {
  if (status === next) return;
  status = next;
  for (const listener of statusListeners) listener();
}

/** Invalidations gathered for a moment, then sent once each. */
function gatherer(queryClient: QueryClient) {
  const pending = new Map<string, QueryKey>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const keys = [...pending.values()];
    pending.clear();
    for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey }, { cancelRefetch: false });
  };
  return {
    add(keys: QueryKey[]) {
      for (const key of keys) pending.set(JSON.stringify(key), key);
      timer ??= setTimeout(flush, GATHER_MS);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      pending.clear();
    },
  };
}

/** Replays overlap what the stream already sent: true the first time an id is seen (the last few thousand kept). */
function firstSighting(): (id: number) => boolean {
  const seen = new Set<number>();
  return (id) => {
    if (seen.has(id)) return false;
    seen.add(id);
    if (seen.size > REMEMBERED_IDS) seen.delete(seen.values().next().value as number);
    return true;
  };
}

/** The one connection of this tab: an EventSource, reopened with the last position after a refusal. */
function connect(queryClient: QueryClient): () => void {
  const invalidations = gatherer(queryClient);
  const isNew = firstSighting();
  let lastId: string | null = null;
  let source: EventSource | null = null;
  let reopenTimer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let stopped = false;

  const onChange = (message: MessageEvent<string>) => {
    if (message.lastEventId) lastId = message.lastEventId;
    const event = JSON.parse(message.data) as LiveEvent;
    if (!isNew(event.id)) return;
    invalidations.add(liveQueryKeys(event));
    for (const listener of eventListeners) listener(event);
  };
  const open = () => {
    const url = lastId ? `${API_BASE}/live?lastEventId=${encodeURIComponent(lastId)}` : `${API_BASE}/live`;
    const next = new EventSource(url, { withCredentials: true });
    source = next;
    next.addEventListener('ready', (message) => {
      if (message.lastEventId) lastId = message.lastEventId;
      failures = 0;
      setStatus('connected');
    });
    next.addEventListener('change', onChange);
    next.addEventListener('resync', () => {
      invalidations.cancel();
      void queryClient.invalidateQueries(undefined, { cancelRefetch: false });
    });
    next.addEventListener('error', () => {
      if (stopped) return;
      setStatus('reconnecting');
      // CONNECTING: the browser retries by itself (sending Last-Event-ID). CLOSED: it gave up.
      if (next.readyState !== EventSource.CLOSED) return;
      next.close();
      const delay = REOPEN_DELAYS_MS[Math.min(failures++, REOPEN_DELAYS_MS.length - 1)]!;
      reopenTimer = setTimeout(open, delay);
    });
  };

  open();
  return () => {
    stopped = true;
    if (reopenTimer) clearTimeout(reopenTimer);
    invalidations.cancel();
    source?.close();
    setStatus('connecting');
  };
}

let connection: { stop: () => void; users: number } | null = null;

/** Keep this tab's live connection open while signed in (call once, in the signed-in frame). */
export function useLiveUpdates(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    connection ??= { stop: connect(queryClient), users: 0 };
    connection.users++;
    return () => {
      if (!connection || --connection.users > 0) return;
      connection.stop();
      connection = null;
    };
  }, [enabled, queryClient]);
}

export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(
    (listener) => {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    () => status,
  );
}

/** Call `listener` for every change this tab hears of, as it arrives (its queries refetch a moment later). */
export function useLiveEvents(listener: (event: LiveEvent) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    const forward = (event: LiveEvent) => latest.current(event);
    eventListeners.add(forward);
    return () => {
      eventListeners.delete(forward);
    };
  }, []);
}
