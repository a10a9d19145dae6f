import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { createMailbox, mailboxImapInput, updateMailbox } from '../../contracts/channels.js';
import type { Db, Executor } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { type MailboxImap, teams } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import { conflict, type FieldProblem, notFound, validationError } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { recordAudit } from '../audit/index.js';
import { findOrganisation } from '../directory/index.js';
import { authorizeChannel } from './channels.policy.js';
import {
  deleteMailboxRow,
  findMailbox,
  insertMailbox,
  listMailboxRows,
  type MailboxRow,
  updateMailboxRow,
} from './mailboxes.repo.js';
import { presentMailbox } from './presenters.js';

type ImapInput = z.infer<typeof mailboxImapInput>;

async function checkReferences(
  executor: Executor,
  input: { organisationId?: string | null; teamId?: string | null },
): Promise<void> {
  const problems: FieldProblem[] = [];
  if (input.organisationId) {
    const organisation = await findOrganisation(executor, { all: true }, input.organisationId);
    if (organisation?.kind !== 'customer' || !organisation.active)
      problems.push({ path: 'body.organisationId', message: 'is not an active customer organisation' });
  }
  if (input.teamId) {
    const [team] = await executor
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.id, input.teamId), eq(teams.active, true)));
    if (!team) problems.push({ path: 'body.teamId', message: 'is not an active team' });
  }
  if (problems.length > 0) throw validationError(problems);
}

/** The IMAP settings to store: a password must be given, unless the mailbox already has one. */
function imapOf(
  input: ImapInput | null | undefined,
  before: MailboxImap | null,
): MailboxImap | null | undefined {
  if (input === undefined) return undefined;
  if (input === null) return null;
  const password = input.password ?? before?.password;
  if (!password) throw validationError([{ path: 'body.imap.password', message: 'is required' }]);
  if (input.after === 'move' && !input.moveTo)
    throw validationError([{ path: 'body.imap.moveTo', message: 'is required when after is move' }]);
  return { ...input, password, moveTo: input.moveTo ?? null };
}

function addressTaken(error: unknown): never {
  if (isUniqueViolation(error, 'mailboxes_address'))
    throw conflict('mailboxes.address_taken', 'a mailbox with this address exists', { field: 'address' });
  throw error;
}

async function audit(
  executor: Executor,
  ctx: Context,
  action: string,
  before: MailboxRow | null,
  after: MailboxRow | null,
) {
  await recordAudit(executor, ctx, {
    action,
    entityType: 'mailbox',
    entityId: (after ?? before)!.id,
    before: before ? presentMailbox(before) : null,
    after: after ? presentMailbox(after) : null,
  });
}

export async function createMailboxForAdmin(db: Db, ctx: Context, input: z.infer<typeof createMailbox>) {
  authorizeChannel(ctx.actor, 'mailbox.write');
  return await db
    .transaction(async (tx) => {
      await checkReferences(tx, input);
      const row = await insertMailbox(tx, {
        id: uuidv7(ctx.now.getTime()),
        address: input.address.toLowerCase(),
        name: input.name,
        organisationId: input.organisationId,
        teamId: input.teamId,
        ticketType: input.ticketType,
        unknownSenders: input.unknownSenders,
        language: input.language,
        smtpEnabled: input.smtp,
        webhookEnabled: input.webhook,
        imap: imapOf(input.imap, null) ?? null,
        active: input.active,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      await audit(tx, ctx, 'mailbox.created', null, row);
      return presentMailbox(row);
    })
    .catch(addressTaken);
}

export async function listMailboxesForAdmin(
  db: Db,
  ctx: Context,
  options: { limit: number; cursor?: string },
) {
  authorizeChannel(ctx.actor, 'mailbox.read');
  const after = decodeCursor(options.cursor)?.v;
  const rows = await listMailboxRows(db, {
    limit: options.limit,
    after: typeof after === 'string' ? after : null,
  });
  const page = pageOf(rows, options.limit, (row) => ({ v: row.address.toLowerCase(), id: row.id }));
  return { items: page.items.map(presentMailbox), nextCursor: page.nextCursor };
}

export async function getMailboxForAdmin(db: Db, ctx: Context, id: string) {
  authorizeChannel(ctx.actor, 'mailbox.read');
  const row = await findMailbox(db, id);
  if (!row) throw notFound('mailbox');
  return presentMailbox(row);
}

export async function updateMailboxForAdmin(
  db: Db,
  ctx: Context,
  id: string,
  input: z.infer<typeof updateMailbox>,
) {
  authorizeChannel(ctx.actor, 'mailbox.write');
  return await db.transaction(async (tx) => {
    const before = await findMailbox(tx, id);
    if (!before) throw notFound('mailbox');
    await checkReferences(tx, input);
    const { smtp, webhook, imap, ...rest } = input;
    const after = (await updateMailboxRow(tx, id, {
      ...rest,
      ...(smtp !== undefined ? { smtpEnabled: smtp } : {}),
      ...(webhook !== undefined ? { webhookEnabled: webhook } : {}),
      ...(imap !== undefined ? { imap: imapOf(imap, before.imap), imapError: null } : {}),
      updatedAt: ctx.now,
    }))!;
    await audit(tx, ctx, 'mailbox.updated', before, after);
    return presentMailbox(after);
  });
}

/** The record of mail it received stays (its mailbox becomes unknown). */
export async function deleteMailboxForAdmin(db: Db, ctx: Context, id: string): Promise<void> {
  authorizeChannel(ctx.actor, 'mailbox.write');
  await db.transaction(async (tx) => {
    const before = await deleteMailboxRow(tx, id);
    if (!before) throw notFound('mailbox');
    await audit(tx, ctx, 'mailbox.deleted', before, null);
  });
}
