import { eq, sql } from 'drizzle-orm';
import type { Session } from '../../contracts/auth.js';
import type { Db, Executor } from '../../db/client.js';
import { users } from '../../db/schema/index.js';
import { type Context, SYSTEM_ACTOR } from '../../platform/actor.js';
import { AppError, notFound } from '../../platform/errors.js';
import { randomSecret } from '../../platform/ids.js';
import { verifyPassword } from '../../platform/passwords.js';
import { digest } from '../../platform/secrets.js';
import { recordAudit } from '../audit/index.js';
import {
  findOrganisation,
  findUserByEmail,
  presentOrganisation,
  presentUser,
  type UserRow,
} from '../directory/index.js';
import { deleteSession, insertSession } from './sessions.repo.js';

export interface LoginPolicy {
  sessionTtlHours: number;
  maxFailures: number;
  lockoutMinutes: number;
}

export interface IssuedSession {
  secret: string;
  session: Session;
}

const invalidCredentials = () =>
  new AppError('unauthenticated', 'auth.invalid_credentials', 'the email or password is not right');

/** Count a failure; at the limit the account locks for a while and the counter starts again. */
async function recordFailure(db: Db, ctx: Context, user: UserRow, policy: LoginPolicy): Promise<void> {
  const failures = user.failedLoginCount + 1;
  const locks = failures >= policy.maxFailures;
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        failedLoginCount: locks ? 0 : sql`${users.failedLoginCount} + 1`,
        lockedUntil: locks ? new Date(ctx.now.getTime() + policy.lockoutMinutes * 60_000) : user.lockedUntil,
      })
      .where(eq(users.id, user.id));
    await recordAudit(
      tx,
      { ...ctx, actor: SYSTEM_ACTOR },
      {
        action: locks ? 'auth.locked_out' : 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        organisationId: user.organisationId,
        after: { failures },
      },
    );
  });
}

export async function startSession(
  executor: Executor,
  ctx: Context,
  user: UserRow,
  policy: LoginPolicy,
  client: { ip: string | null; userAgent: string | null },
): Promise<IssuedSession> {
  const secret = randomSecret(32);
  const csrfToken = randomSecret(24);
  const expiresAt = new Date(ctx.now.getTime() + policy.sessionTtlHours * 3600_000);
  await insertSession(executor, {
    idHash: digest(secret),
    userId: user.id,
    csrfToken,
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 500) ?? null,
    createdAt: ctx.now,
    lastSeenAt: ctx.now,
    expiresAt,
  });
  const organisation = await findOrganisation(executor, { all: true }, user.organisationId);
  if (!organisation) throw notFound('organisation');
  return {
    secret,
    session: {
      user: presentUser(user),
      organisation: presentOrganisation(organisation),
      csrfToken,
      expiresAt: expiresAt.toISOString(),
    },
  };
}

export async function login(
  db: Db,
  ctx: Context,
  input: { email: string; password: string },
  policy: LoginPolicy,
  client: { ip: string | null; userAgent: string | null },
): Promise<IssuedSession> {
  const user = await findUserByEmail(db, input.email);
  if (user?.lockedUntil && user.lockedUntil > ctx.now) {
    const retryAfterSeconds = Math.ceil((user.lockedUntil.getTime() - ctx.now.getTime()) / 1000);
    throw new AppError(
      'rate_limited',
      'auth.locked',
      'too many failed sign-ins; try again later or reset your password',
      {
        retryAfterSeconds,
      },
    );
  }
  const valid = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !valid || !user.active) {
    if (user && !valid) await recordFailure(db, ctx, user, policy);
    throw invalidCredentials();
  }
  return await db.transaction(async (tx) => {
    const [fresh] = await tx
      .update(users)
      .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: ctx.now })
      .where(eq(users.id, user.id))
      .returning();
    const actorCtx: Context = { ...ctx, actor: { ...ctx.actor, userId: user.id, kind: 'user' } };
    await recordAudit(tx, actorCtx, {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      organisationId: user.organisationId,
    });
    return await startSession(tx, ctx, fresh!, policy, client);
  });
}

export async function logout(db: Db, ctx: Context, sessionHash: string): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteSession(tx, sessionHash);
    await recordAudit(tx, ctx, { action: 'auth.logout', entityType: 'user', entityId: ctx.actor.userId });
  });
}
