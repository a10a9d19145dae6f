import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { setup } from '../../contracts/auth.js';
import type { Db } from '../../db/client.js';
import { organisations } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import { conflict } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { hashPassword } from '../../platform/passwords.js';
import { recordAudit } from '../audit/index.js';
import { findProvider, insertUser, presentUser } from '../directory/index.js';
import { type IssuedSession, type LoginPolicy, startSession } from './login.service.js';

// Serialises concurrent first-run requests: exactly one of them creates the provider and admin.
export const SETUP_LOCK_KEY = 7_361_202_602;

export async function needsSetup(db: Db): Promise<boolean> {
  return (await findProvider(db)) === null;
}

/** First run: the provider organisation and its first administrator, signed in at once. */
export async function completeSetup(
  db: Db,
  ctx: Context,
  input: z.infer<typeof setup>,
  policy: LoginPolicy,
  client: { ip: string | null; userAgent: string | null },
): Promise<IssuedSession> {
  const passwordHash = await hashPassword(input.password);
  return await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK_KEY})`);
    if (await findProvider(tx))
      throw conflict('setup.already_done', 'Tend is already set up; sign in instead');
    const organisationId = uuidv7(ctx.now.getTime());
    await tx.insert(organisations).values({
      id: organisationId,
      name: input.organisationName,
      kind: 'provider',
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const user = await insertUser(tx, {
      id: uuidv7(ctx.now.getTime()),
      organisationId,
      name: input.name,
      email: input.email,
      role: 'admin',
      passwordHash,
      passwordChangedAt: ctx.now,
      lastLoginAt: ctx.now,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const actorCtx: Context = {
      ...ctx,
      actor: { ...ctx.actor, kind: 'user', userId: user.id, role: 'admin' },
    };
    await recordAudit(tx, actorCtx, {
      action: 'setup.completed',
      entityType: 'organisation',
      entityId: organisationId,
      organisationId,
      after: { organisation: input.organisationName, admin: presentUser(user) },
    });
    return await startSession(tx, ctx, user, policy, client);
  });
}
