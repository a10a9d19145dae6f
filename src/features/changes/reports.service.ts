import type { z } from 'zod';
import type { changeBacklog } from '../../contracts/change-reports.js';
import {
  type ChangeState,
  changeKpis,
  findConflicts,
  formatChangeNumber,
  isOpenChange,
  OPEN_CHANGE_STATES,
} from '../../core/changes/index.js';
import type { Context } from '../../platform/actor.js';
import { validationError } from '../../platform/errors.js';
import { maintenanceBacklogAt } from '../plans/index.js';
import { authorizeChange } from './changes.policy.js';
import { affectedOf, plannedInRange } from './changes.repo.js';
import { presentConflict, windowCheckFor } from './detail.service.js';
import type { ChangeDeps } from './ports.js';
import { presentChange } from './presenters.js';
import { kpiFacts, statesAt } from './reports.repo.js';

const DAY = 86_400_000;
const MAX_RANGE_DAYS = 400;
const CALENDAR_LIMIT = 1000;

function rangeOf(input: { from: string; until: string }) {
  const from = new Date(input.from);
  const until = new Date(input.until);
  if (until.getTime() <= from.getTime())
    throw validationError([{ path: 'query.until', message: 'must be after from' }]);
  if (until.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY)
    throw validationError([
      { path: 'query.until', message: `the range may span at most ${MAX_RANGE_DAYS} days` },
    ]);
  return { from, until };
}

/** Changes planned in [from, until), each with its downtime-rule check, and their conflicts. */
export async function changeCalendar(
  deps: ChangeDeps,
  ctx: Context,
  query: { from: string; until: string; organisationId?: string; serviceId?: string },
) {
  const range = rangeOf(query);
  const rows = await plannedInRange(
    deps.db,
    ctx.actor,
    {
      ...range,
      organisationId: query.organisationId,
      serviceIds: query.serviceId ? [query.serviceId] : undefined,
    },
    CALENDAR_LIMIT + 1,
  );
  const truncated = rows.length > CALENDAR_LIMIT;
  const shown = rows.slice(0, CALENDAR_LIMIT);
  const affected = await affectedOf(
    deps.db,
    shown.map((row) => row.id),
  );
  const items = [];
  for (const row of shown) {
    const entries = affected.get(row.id) ?? [];
    const planned = { start: row.plannedStart!, end: row.plannedEnd! };
    items.push({
      ...presentChange(row, entries, ctx.actor),
      window: await windowCheckFor(deps, deps.db, row, entries, planned),
    });
  }
  const numbers = new Map(shown.map((row) => [row.id, formatChangeNumber(row.number)]));
  const conflicts = findConflicts(
    shown.map((row) => ({
      id: row.id,
      state: row.state,
      start: row.plannedStart,
      end: row.plannedEnd,
      serviceIds: (affected.get(row.id) ?? []).map((entry) => entry.serviceId),
    })),
  ).map((conflict) => presentConflict(conflict, numbers));
  return { items, conflicts, truncated };
}

type AgeBucket = z.infer<typeof changeBacklog>['byAge'][number]['bucket'];
function ageBucket(ageMs: number): AgeBucket {
  if (ageMs < DAY) return 'under_1d';
  if (ageMs < 7 * DAY) return '1d_7d';
  if (ageMs < 30 * DAY) return '7d_30d';
  return 'over_30d';
}

/**
 * DOMAIN.md backlog: open change requests and maintenance tasks at a point in time (default now;
 * a past instant reads each change's state from its history).
 */
export async function changeBacklogReport(
  deps: ChangeDeps,
  ctx: Context,
  query: { organisationId?: string; at?: string },
): Promise<z.infer<typeof changeBacklog>> {
  authorizeChange(ctx.actor, 'change.reports');
  const at = query.at ? new Date(query.at) : ctx.now;
  const states = (await statesAt(deps.db, ctx.actor, at, query.organisationId)).filter((row) =>
    isOpenChange(row.state as ChangeState),
  );
  const byState = OPEN_CHANGE_STATES.map((state) => {
    const inState = states.filter((row) => row.state === state);
    const oldest = inState.reduce<Date | null>(
      (min, row) => (min === null || row.createdAt < min ? row.createdAt : min),
      null,
    );
    return { state, count: inState.length, oldestCreatedAt: oldest?.toISOString() ?? null };
  });
  const buckets: AgeBucket[] = ['under_1d', '1d_7d', '7d_30d', 'over_30d'];
  const byAge = buckets.map((bucket) => ({
    bucket,
    count: states.filter((row) => ageBucket(at.getTime() - row.createdAt.getTime()) === bucket).length,
  }));
  return {
    at: at.toISOString(),
    openChanges: states.length,
    byState,
    byAge,
    // The plans feature replays each task's history, so a task finished and reopened later is
    // counted only while it was open.
    openMaintenanceTasks: (
      await maintenanceBacklogAt(deps.db, ctx.actor.organisations, at, {
        organisationId: query.organisationId,
      })
    ).total,
  };
}

/** The change KPIs of DOMAIN.md over [from, until), computed by core/changes/kpis.ts. */
export async function changeKpiReport(
  deps: ChangeDeps,
  ctx: Context,
  query: { from: string; until: string; organisationId?: string },
) {
  authorizeChange(ctx.actor, 'change.reports');
  const range = rangeOf(query);
  const facts = await kpiFacts(deps.db, ctx.actor, range.from, range.until, query.organisationId);
  return {
    from: range.from.toISOString(),
    until: range.until.toISOString(),
    ...changeKpis(facts, range.from, range.until),
  };
}
