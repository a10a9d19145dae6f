import { and, eq, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { maintenanceNotices, serviceOwners, users } from '../../db/schema/index.js';
import { queueMail } from '../notifications/index.js';
import { occurrenceCalendar } from './calendar.js';

export interface MaintenanceNotice {
  organisationId: string;
  /** Its owners are told too; null when the notice is about no one service. */
  serviceId: string | null;
  /** One notice per key, however often or concurrently asked (e.g. `change:<id>:<sequence>`). */
  key: string;
  /** The iCalendar UID of the attached event (stable for the thing announced). */
  uid: string;
  /** iCalendar SEQUENCE of the event; raise it when announcing a new time for the same UID. */
  sequence?: number;
  /** The mail's subject. */
  subject: string;
  /** The event's title. */
  summary: string;
  /** Mail text above the times, and the event's description. */
  description?: string;
  start: Date;
  end: Date;
  /** Shown in the mail next to UTC (the window's zone; default UTC). */
  timezone?: string;
  windowId?: string | null;
  now: Date;
}

/**
 * Who is told of maintenance: the organisation's active customer managers (they speak for the
 * customer; requesters are not mailed about every window) and the service's active owners,
 * technical and business.
 */
async function recipientsOf(executor: Executor, organisationId: string, serviceId: string | null) {
  const owner = serviceId
    ? sql`exists (select 1 from ${serviceOwners} o where o.user_id = ${users.id} and o.service_id = ${serviceId})`
    : sql`false`;
  return await executor
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.active, true),
        or(and(eq(users.organisationId, organisationId), eq(users.role, 'customer_manager')), owner),
      ),
    )
    .orderBy(users.id);
}

function when(instant: Date, timezone: string): string {
  const local = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    dateStyle: 'full',
    timeStyle: 'long',
  }).format(instant);
  return `${local} (${instant.toISOString().replace('.000Z', 'Z')})`;
}

function bodyOf(notice: MaintenanceNotice): string {
  const zone = notice.timezone ?? 'UTC';
  return [
    'Hello,',
    '',
    notice.description ? `${notice.description}\n` : null,
    `${notice.summary}`,
    `Starts: ${when(notice.start, zone)}`,
    `Ends:   ${when(notice.end, zone)}`,
    '',
    'The attached calendar file adds it to your calendar.',
  ]
    .filter((line) => line !== null)
    .join('\n');
}

/**
 * Queue a maintenance notice mail (with the event as an .ics, METHOD:PUBLISH) to every recipient,
 * in the caller's transaction — once per `key`: a second call, in parallel or later, queues
 * nothing (the notice row's unique key decides). Answers whether it was queued, and to how many.
 */
export async function queueMaintenanceNotice(
  executor: Executor,
  notice: MaintenanceNotice,
): Promise<{ queued: boolean; recipients: number }> {
  const [row] = await executor
    .insert(maintenanceNotices)
    .values({
      organisationId: notice.organisationId,
      dedupeKey: notice.key,
      windowId: notice.windowId ?? null,
      uid: notice.uid,
      subject: notice.subject,
      startsAt: notice.start,
      endsAt: notice.end,
      recipientCount: 0,
      createdAt: notice.now,
    })
    .onConflictDoNothing({ target: maintenanceNotices.dedupeKey })
    .returning({ id: maintenanceNotices.id });
  if (!row) return { queued: false, recipients: 0 };
  const recipients = await recipientsOf(executor, notice.organisationId, notice.serviceId);
  const ics = occurrenceCalendar({
    ...notice,
    sequence: notice.sequence ?? 0,
    description: notice.description ?? '',
  });
  for (const recipient of recipients) {
    await queueMail(
      executor,
      {
        to: recipient.email,
        subject: notice.subject,
        text: bodyOf(notice),
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
        attachments: [
          {
            filename: 'maintenance.ics',
            contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
            content: ics,
          },
        ],
      },
      `maintenance-notice:${row.id}:${recipient.id}`,
    );
  }
  await executor
    .update(maintenanceNotices)
    .set({ recipientCount: recipients.length })
    .where(eq(maintenanceNotices.id, row.id));
  return { queued: true, recipients: recipients.length };
}
