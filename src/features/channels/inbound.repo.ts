import { createHash } from 'node:crypto';
import { and, asc, count, desc, eq, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { blobs, type InboundMessageRow, inboundMessages } from '../../db/schema/index.js';
import { uuidv7 } from '../../platform/ids.js';
import type { CursorKey } from '../../platform/pagination.js';
import { firstHeader, messageIdsIn, readRawHeaders } from './headers.js';

export type { InboundMessageRow } from '../../db/schema/index.js';
export type InboundRoute = InboundMessageRow['route'];

export interface NewInbound {
  raw: Buffer;
  mailboxId: string;
  route: InboundRoute;
  envelopeFrom: string | null;
  now: Date;
}

/** Message-IDs are compared as written; a message without one is known by its bytes. */
export function dedupeKeyOf(raw: Buffer): { key: string; messageId: string | null; sha256: string } {
  const sha256 = createHash('sha256').update(raw).digest('hex');
  const messageId = messageIdsIn(firstHeader(readRawHeaders(raw), 'message-id'))[0] ?? null;
  return { key: messageId ? `mid:${messageId}` : `sha256:${sha256}`, messageId, sha256 };
}

/**
 * Keep the raw message, in a transaction of its own that has committed when this returns: only
 * then may the sender be told it was received. A message already stored is returned as it is.
 */
export async function storeInbound(
  db: Db,
  input: NewInbound,
): Promise<{ row: InboundMessageRow; duplicate: boolean }> {
  const { key, messageId, sha256 } = dedupeKeyOf(input.raw);
  return await db.transaction(async (tx) => {
    await tx
      .insert(blobs)
      .values({ sha256, size: input.raw.length, data: input.raw, createdAt: input.now })
      .onConflictDoNothing({ target: blobs.sha256 });
    const [inserted] = await tx
      .insert(inboundMessages)
      .values({
        id: uuidv7(input.now.getTime()),
        dedupeKey: key,
        mailboxId: input.mailboxId,
        route: input.route,
        messageId,
        blobSha256: sha256,
        size: input.raw.length,
        envelopeFrom: input.envelopeFrom,
        receivedAt: input.now,
      })
      .onConflictDoNothing({ target: inboundMessages.dedupeKey })
      .returning();
    if (inserted) return { row: inserted, duplicate: false };
    const [existing] = await tx.select().from(inboundMessages).where(eq(inboundMessages.dedupeKey, key));
    return { row: existing!, duplicate: true };
  });
}

export async function readRaw(executor: Executor, row: InboundMessageRow): Promise<Buffer | null> {
  const [blob] = await executor
    .select({ data: blobs.data })
    .from(blobs)
    .where(eq(blobs.sha256, row.blobSha256));
  return blob?.data ?? null;
}

/** Count an attempt before it starts (committed), so a message that kills the process cannot loop. */
export async function countAttempt(db: Db, id: string): Promise<InboundMessageRow | null> {
  const [row] = await db
    .update(inboundMessages)
    .set({ attempts: sql`${inboundMessages.attempts} + 1` })
    .where(and(eq(inboundMessages.id, id), eq(inboundMessages.status, 'received')))
    .returning();
  return row ?? null;
}

/** The row, locked for processing (waiting for whoever holds it), or null when it is gone. */
export async function lockInbound(executor: Executor, id: string): Promise<InboundMessageRow | null> {
  const [row] = await executor.select().from(inboundMessages).where(eq(inboundMessages.id, id)).for('update');
  return row ?? null;
}

export async function findInbound(executor: Executor, id: string): Promise<InboundMessageRow | null> {
  const [row] = await executor.select().from(inboundMessages).where(eq(inboundMessages.id, id));
  return row ?? null;
}

export async function updateInbound(
  executor: Executor,
  id: string,
  changes: Partial<typeof inboundMessages.$inferInsert>,
): Promise<InboundMessageRow> {
  const [row] = await executor
    .update(inboundMessages)
    .set(changes)
    .where(eq(inboundMessages.id, id))
    .returning();
  return row!;
}

/** Received but not processed (a crash between storing and processing), oldest first. */
export async function pendingInboundIds(
  executor: Executor,
  olderThan: Date,
  limit: number,
): Promise<string[]> {
  const rows = await executor
    .select({ id: inboundMessages.id })
    .from(inboundMessages)
    .where(and(eq(inboundMessages.status, 'received'), lt(inboundMessages.receivedAt, olderThan)))
    .orderBy(asc(inboundMessages.receivedAt))
    .limit(limit);
  return rows.map((row) => row.id);
}

/** Messages from this sender that opened or continued tickets since `since` (the rate limit). */
export async function countFromSender(executor: Executor, address: string, since: Date): Promise<number> {
  const [row] = await executor
    .select({ n: count() })
    .from(inboundMessages)
    .where(
      and(
        eq(inboundMessages.fromAddress, address),
        gte(inboundMessages.receivedAt, since),
        inArray(inboundMessages.status, ['created', 'appended']),
      ),
    );
  return row?.n ?? 0;
}

/**
 * For threading our answers: the mail a ticket was opened or continued with (not flagged notes or
 * bounces) — the first and the `latest` last ones, oldest first — and the mail that opened it
 * (flagged or not: whether it may get an automatic answer).
 */
export async function threadMailOfTicket(executor: Executor, ticketId: string, latest = 5) {
  type Row = {
    kind: 'first' | 'latest' | 'opener';
    message_id: string | null;
    mailbox_id: string | null;
    auto_answer: boolean;
  };
  const threaded = sql`${inboundMessages.ticketId} = ${ticketId} and not ${inboundMessages.flagged}
    and ${inboundMessages.status} in ('created', 'appended')`;
  const fields = sql`${inboundMessages.messageId} as message_id, ${inboundMessages.mailboxId} as mailbox_id,
    ${inboundMessages.autoAnswer} as auto_answer`;
  // The mail that opened the ticket, the first and the latest of its thread: one query, not three
  // (it runs for every mail about a ticket).
  const { rows } = await executor.execute<Row>(sql`
    (select 'first' as kind, ${fields} from ${inboundMessages} where ${threaded}
      order by ${inboundMessages.receivedAt} asc limit 1)
    union all
    (select 'latest', ${fields} from ${inboundMessages} where ${threaded}
      order by ${inboundMessages.receivedAt} desc, ${inboundMessages.id} desc limit ${latest})
    union all
    (select 'opener', ${fields} from ${inboundMessages}
      where ${inboundMessages.ticketId} = ${ticketId} and ${inboundMessages.status} = 'created' limit 1)`);
  const of = (row: Row) => ({
    messageId: row.message_id,
    mailboxId: row.mailbox_id,
    autoAnswer: row.auto_answer,
  });
  const first = rows.find((row) => row.kind === 'first');
  const opener = rows.find((row) => row.kind === 'opener');
  return {
    opener: opener ? of(opener) : null,
    first: first ? of(first) : null,
    latest: rows
      .filter((row) => row.kind === 'latest')
      .map(of)
      .reverse(),
  };
}

export interface InboundFilter {
  status?: InboundMessageRow['status'];
  flagged?: boolean;
  mailboxId?: string;
  limit: number;
  cursor: CursorKey | null;
}

/** Newest first, keyset-paged by (received_at, id). */
export async function listInboundRows(executor: Executor, filter: InboundFilter) {
  const { cursor } = filter;
  const before: SQL | undefined = cursor
    ? or(
        lt(inboundMessages.receivedAt, new Date(String(cursor.v))),
        and(eq(inboundMessages.receivedAt, new Date(String(cursor.v))), lt(inboundMessages.id, cursor.id)),
      )
    : undefined;
  return await executor
    .select()
    .from(inboundMessages)
    .where(
      and(
        filter.status ? eq(inboundMessages.status, filter.status) : undefined,
        filter.flagged !== undefined ? eq(inboundMessages.flagged, filter.flagged) : undefined,
        filter.mailboxId ? eq(inboundMessages.mailboxId, filter.mailboxId) : undefined,
        before,
      ),
    )
    .orderBy(desc(inboundMessages.receivedAt), desc(inboundMessages.id))
    .limit(filter.limit + 1);
}

/** A ticket's received mail, oldest first (at most 200). */
export async function inboundOfTicket(executor: Executor, ticketId: string): Promise<InboundMessageRow[]> {
  return await executor
    .select()
    .from(inboundMessages)
    .where(eq(inboundMessages.ticketId, ticketId))
    .orderBy(asc(inboundMessages.receivedAt), asc(inboundMessages.id))
    .limit(200);
}
