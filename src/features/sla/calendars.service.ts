import { asc, eq, ilike, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Calendar, createCalendar, updateCalendar } from '../../contracts/sla.js';
import { type CalendarInput, presetCalendar } from '../../core/calendar/index.js';
import type { Db, Executor } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { businessCalendars } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import { conflict, forbidden, notFound, validationError } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { recordAudit } from '../audit/index.js';
import { holidaysFromIcs } from './holidays.js';
import { checkedCalendar } from './preview.service.js';

type CalendarRow = typeof businessCalendars.$inferSelect;

export function presentCalendar(row: CalendarRow): Calendar {
  return {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    hours: row.hours as Calendar['hours'],
    holidays: row.holidays,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function calendarInputOf(row: CalendarRow): CalendarInput {
  return { timezone: row.timezone, hours: row.hours as CalendarInput['hours'], holidays: row.holidays };
}

/** DOMAIN.md: service managers own SLAs and the escalation matrix; admins may do everything. */
export function requireSlaManager(ctx: Context): void {
  const allowed =
    ctx.actor.role === 'admin' || ctx.actor.role === 'service_manager' || ctx.actor.kind === 'system';
  if (!allowed)
    throw forbidden(
      'sla.forbidden',
      'only administrators and service managers manage calendars and SLA policies',
    );
}

export function requireStaff(ctx: Context): void {
  const staff =
    ctx.actor.role === 'admin' || ctx.actor.role === 'service_manager' || ctx.actor.role === 'agent';
  if (!staff && ctx.actor.kind !== 'system') throw forbidden('sla.forbidden', 'only staff use SLA settings');
}

export async function loadCalendar(executor: Executor, id: string): Promise<CalendarRow> {
  const [row] = await executor.select().from(businessCalendars).where(eq(businessCalendars.id, id)).limit(1);
  if (!row) throw notFound('calendar');
  return row;
}

const nameTaken = (error: unknown): never => {
  if (isUniqueViolation(error, 'business_calendars_name'))
    throw conflict('calendars.name_taken', 'a calendar with this name exists', { field: 'name' });
  throw error;
};

export async function createBusinessCalendar(db: Db, ctx: Context, input: z.infer<typeof createCalendar>) {
  requireSlaManager(ctx);
  const base = input.preset
    ? presetCalendar(input.preset, input.timezone)
    : { timezone: input.timezone, hours: {} };
  if (!input.preset && !input.hours)
    throw validationError([{ path: 'body.hours', message: 'is required unless a preset is given' }]);
  const calendar = checkedCalendar(
    { ...base, ...(input.hours ? { hours: input.hours } : {}), holidays: input.holidays ?? [] },
    'body',
  );
  return await db
    .transaction(async (tx) => {
      const [row] = await tx
        .insert(businessCalendars)
        .values({
          id: uuidv7(ctx.now.getTime()),
          name: input.name,
          timezone: calendar.timezone,
          hours: calendar.hours,
          holidays: [...new Set(calendar.holidays ?? [])].sort(),
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      const presented = presentCalendar(row!);
      await recordAudit(tx, ctx, {
        action: 'calendar.created',
        entityType: 'calendar',
        entityId: presented.id,
        after: presented,
      });
      return presented;
    })
    .catch(nameTaken);
}

/**
 * Change a calendar; `afterChange` queues (in this transaction, so it happens only if the edit
 * commits) the recomputation of the open tickets that depend on it, from their recorded pauses.
 */
export async function updateBusinessCalendar(
  db: Db,
  ctx: Context,
  id: string,
  input: z.infer<typeof updateCalendar>,
  afterChange: (tx: Executor, calendarId: string) => Promise<void>,
) {
  requireSlaManager(ctx);
  return await db
    .transaction(async (tx) => {
      const before = await loadCalendar(tx, id);
      const merged = checkedCalendar(
        {
          timezone: input.timezone ?? before.timezone,
          hours: input.hours ?? before.hours,
          holidays: input.holidays ?? before.holidays,
        },
        'body',
      );
      const [row] = await tx
        .update(businessCalendars)
        .set({
          name: input.name ?? before.name,
          timezone: merged.timezone,
          hours: merged.hours,
          holidays: [...new Set(merged.holidays ?? [])].sort(),
          version: sql`${businessCalendars.version} + 1`,
          updatedAt: ctx.now,
        })
        .where(eq(businessCalendars.id, id))
        .returning();
      const after = presentCalendar(row!);
      await recordAudit(tx, ctx, {
        action: 'calendar.updated',
        entityType: 'calendar',
        entityId: id,
        before: presentCalendar(before),
        after,
      });
      await afterChange(tx, id);
      return after;
    })
    .catch(nameTaken);
}

export async function importHolidays(
  db: Db,
  ctx: Context,
  id: string,
  icsText: string,
  afterChange: (tx: Executor, calendarId: string) => Promise<void>,
) {
  requireSlaManager(ctx);
  const year = ctx.now.getUTCFullYear();
  const found = holidaysFromIcs(icsText, { from: year - 1, to: year + 5 });
  const before = await loadCalendar(db, id);
  const added = found.filter((date) => !before.holidays.includes(date));
  const calendar = await updateBusinessCalendar(
    db,
    ctx,
    id,
    { holidays: [...before.holidays, ...added] },
    afterChange,
  );
  return { calendar, added, skipped: found.length - added.length };
}

export async function listCalendars(
  db: Db,
  ctx: Context,
  options: { q?: string; limit: number; cursor?: string },
) {
  requireStaff(ctx);
  const cursor = decodeCursor(options.cursor);
  const rows = await db
    .select({ row: businessCalendars, key: sql<string>`lower(${businessCalendars.name})` })
    .from(businessCalendars)
    .where(
      sql`${options.q ? ilike(businessCalendars.name, `%${options.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : sql`true`} and ${cursor ? sql`(lower(${businessCalendars.name}), ${businessCalendars.id}) > (${cursor.v}, ${cursor.id})` : sql`true`}`,
    )
    .orderBy(asc(sql`lower(${businessCalendars.name})`), asc(businessCalendars.id))
    .limit(options.limit + 1);
  const page = pageOf(rows, options.limit, (found) => ({ v: found.key, id: found.row.id }));
  return { items: page.items.map((found) => presentCalendar(found.row)), nextCursor: page.nextCursor };
}
