import { and, asc, eq, gt, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { blobs, ticketAttachments, tickets } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { CursorKey } from '../../platform/pagination.js';
import { ticketVisibility } from './tickets.scope.js';

export type AttachmentRow = typeof ticketAttachments.$inferSelect;

/**
 * File contents live in `blobs`, keyed by their SHA-256 and shared by identical files; no query
 * here except `readBlob` touches that table, so listing attachments never reads file data.
 */
export async function storeBlob(executor: Executor, sha256: string, data: Buffer, now: Date): Promise<void> {
  await executor
    .insert(blobs)
    .values({ sha256, size: data.length, data, createdAt: now })
    .onConflictDoNothing({ target: blobs.sha256 });
}

export async function readBlob(executor: Executor, sha256: string): Promise<Buffer | null> {
  const [row] = await executor.select({ data: blobs.data }).from(blobs).where(eq(blobs.sha256, sha256));
  return row?.data ?? null;
}

export async function insertAttachment(
  executor: Executor,
  row: typeof ticketAttachments.$inferInsert,
): Promise<AttachmentRow> {
  const [inserted] = await executor.insert(ticketAttachments).values(row).returning();
  return inserted!;
}

const visibilityCondition = (includeInternal: boolean): SQL | undefined =>
  includeInternal ? undefined : eq(ticketAttachments.visibility, 'public');

/** Oldest first, keyset-paged by (created_at, id). */
export async function listAttachmentRows(
  executor: Executor,
  ticketId: string,
  includeInternal: boolean,
  options: { limit: number; cursor: CursorKey | null },
): Promise<AttachmentRow[]> {
  const { cursor } = options;
  const after = cursor
    ? or(
        gt(ticketAttachments.createdAt, new Date(String(cursor.v))),
        and(eq(ticketAttachments.createdAt, new Date(String(cursor.v))), gt(ticketAttachments.id, cursor.id)),
      )
    : undefined;
  return await executor
    .select()
    .from(ticketAttachments)
    .where(and(eq(ticketAttachments.ticketId, ticketId), visibilityCondition(includeInternal), after))
    .orderBy(asc(ticketAttachments.createdAt), asc(ticketAttachments.id))
    .limit(options.limit + 1);
}

/** An attachment on a ticket the actor can see (internal ones only when they may read them). */
export async function findVisibleAttachment(
  executor: Executor,
  actor: Actor,
  id: string,
  includeInternal: boolean,
): Promise<AttachmentRow | null> {
  const [row] = await executor
    .select({ attachment: ticketAttachments })
    .from(ticketAttachments)
    .innerJoin(tickets, eq(tickets.id, ticketAttachments.ticketId))
    .where(and(eq(ticketAttachments.id, id), visibilityCondition(includeInternal), ticketVisibility(actor)))
    .limit(1);
  return row?.attachment ?? null;
}

/** The ids of the attachments of these messages (for presenting them), in upload order. */
export async function attachmentIdsByMessage(
  executor: Executor,
  ticketId: string,
  messageIds: string[],
): Promise<Map<string, string[]>> {
  const byMessage = new Map<string, string[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await executor
    .select({ id: ticketAttachments.id, messageId: ticketAttachments.messageId })
    .from(ticketAttachments)
    .where(and(eq(ticketAttachments.ticketId, ticketId), inArray(ticketAttachments.messageId, messageIds)))
    .orderBy(asc(ticketAttachments.createdAt), asc(ticketAttachments.id));
  for (const row of rows) byMessage.set(row.messageId!, [...(byMessage.get(row.messageId!) ?? []), row.id]);
  return byMessage;
}

/** Lock the named unsent attachments of this uploader on this ticket (for linking to a message). */
export async function unsentAttachments(
  executor: Executor,
  ticketId: string,
  uploadedBy: string | null,
  ids: string[],
): Promise<AttachmentRow[]> {
  if (ids.length === 0 || !uploadedBy) return [];
  return await executor
    .select()
    .from(ticketAttachments)
    .where(
      and(
        inArray(ticketAttachments.id, ids),
        eq(ticketAttachments.ticketId, ticketId),
        eq(ticketAttachments.uploadedBy, uploadedBy),
        isNull(ticketAttachments.messageId),
      ),
    )
    .for('update');
}

export async function setAttachmentsMessage(
  executor: Executor,
  ids: string[],
  messageId: string,
): Promise<void> {
  if (ids.length === 0) return;
  await executor.update(ticketAttachments).set({ messageId }).where(inArray(ticketAttachments.id, ids));
}

/** Merging: every attachment of one ticket moves to another. Returns how many moved. */
export async function moveAttachments(
  executor: Executor,
  fromTicketId: string,
  toTicketId: string,
): Promise<number> {
  const moved = await executor
    .update(ticketAttachments)
    .set({ ticketId: toTicketId })
    .where(eq(ticketAttachments.ticketId, fromTicketId))
    .returning({ id: ticketAttachments.id });
  return moved.length;
}
