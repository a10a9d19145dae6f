import { and, arrayContains, asc, eq } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { organisations } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import type { OrganisationRow } from './organisations.repo.js';
import { presentUser } from './presenters.js';
import { findUserByEmail, insertUser, type UserRow } from './users.repo.js';

/**
 * The directory's part in email intake: which customer organisation owns a mail domain, and a
 * requester account for a sender nobody knows yet (no password: they may claim it by a reset).
 */
export async function findOrganisationByDomain(
  executor: Executor,
  domain: string,
): Promise<OrganisationRow | null> {
  const [row] = await executor
    .select()
    .from(organisations)
    .where(
      and(
        arrayContains(organisations.domains, [domain.toLowerCase()]),
        eq(organisations.kind, 'customer'),
        eq(organisations.active, true),
      ),
    )
    .orderBy(asc(organisations.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * Create the requester in the caller's transaction; if a concurrent message from the same sender
 * created it first (unique email), use that one. Audited like any new user.
 */
export async function createRequesterFromMail(
  tx: Tx,
  ctx: Context,
  input: { organisationId: string; name: string; email: string },
): Promise<UserRow> {
  try {
    return await tx.transaction(async (savepoint) => {
      const row = await insertUser(savepoint, {
        id: uuidv7(ctx.now.getTime()),
        organisationId: input.organisationId,
        name: input.name.slice(0, 200) || input.email,
        email: input.email.toLowerCase(),
        role: 'requester',
        passwordHash: null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      await recordAudit(savepoint, ctx, {
        action: 'user.created',
        entityType: 'user',
        entityId: row.id,
        organisationId: row.organisationId,
        after: { ...presentUser(row), source: 'email' },
      });
      return row;
    });
  } catch (error) {
    if (!isUniqueViolation(error, 'users_email')) throw error;
    const existing = await findUserByEmail(tx, input.email);
    if (!existing) throw error;
    return existing;
  }
}
