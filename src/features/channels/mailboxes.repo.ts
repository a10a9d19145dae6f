import { and, asc, eq, gt, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { type MailboxRow, mailboxes } from '../../db/schema/index.js';

export type { MailboxImap, MailboxRow } from '../../db/schema/index.js';

export async function findMailbox(executor: Executor, id: string): Promise<MailboxRow | null> {
  const [row] = await executor.select().from(mailboxes).where(eq(mailboxes.id, id));
  return row ?? null;
}

/** By address, case-insensitively. */
export async function findMailboxByAddress(executor: Executor, address: string): Promise<MailboxRow | null> {
  const [row] = await executor
    .select()
    .from(mailboxes)
    .where(sql`lower(${mailboxes.address}) = lower(${address})`);
  return row ?? null;
}

/**
 * The mailbox an envelope recipient reaches: its address, or a plus address of it
 * (`support+T-10234@…`, the Reply-To of our answers).
 */
export async function findMailboxForRecipient(
  executor: Executor,
  recipient: string,
): Promise<MailboxRow | null> {
  const address = recipient.trim().toLowerCase();
  const exact = await findMailboxByAddress(executor, address);
  if (exact) return exact;
  const plus = /^([^+@]+)\+[^@]*@(.+)$/.exec(address);
  return plus ? await findMailboxByAddress(executor, `${plus[1]}@${plus[2]}`) : null;
}

export async function listMailboxRows(executor: Executor, options: { limit: number; after: string | null }) {
  return await executor
    .select()
    .from(mailboxes)
    .where(options.after ? gt(sql`lower(${mailboxes.address})`, options.after) : undefined)
    .orderBy(asc(sql`lower(${mailboxes.address})`))
    .limit(options.limit + 1);
}

/** Active mailboxes with IMAP polling set up. */
export async function imapMailboxes(executor: Executor): Promise<MailboxRow[]> {
  return await executor
    .select()
    .from(mailboxes)
    .where(and(eq(mailboxes.active, true), isNotNull(mailboxes.imap)))
    .orderBy(asc(mailboxes.id));
}

export async function insertMailbox(
  executor: Executor,
  row: typeof mailboxes.$inferInsert,
): Promise<MailboxRow> {
  const [inserted] = await executor.insert(mailboxes).values(row).returning();
  return inserted!;
}

export async function updateMailboxRow(
  executor: Executor,
  id: string,
  changes: Partial<typeof mailboxes.$inferInsert>,
): Promise<MailboxRow | null> {
  const [row] = await executor.update(mailboxes).set(changes).where(eq(mailboxes.id, id)).returning();
  return row ?? null;
}

export async function deleteMailboxRow(executor: Executor, id: string): Promise<MailboxRow | null> {
  const [row] = await executor.delete(mailboxes).where(eq(mailboxes.id, id)).returning();
  return row ?? null;
}
