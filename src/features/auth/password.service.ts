import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { apiTokens, users } from '../../db/schema/index.js';
import { type Context, SYSTEM_ACTOR } from '../../platform/actor.js';
import { AppError, validationError } from '../../platform/errors.js';
import { hashPassword, verifyPassword } from '../../platform/passwords.js';
import { recordAudit } from '../audit/index.js';
import {
  consumePasswordToken,
  findUserByEmail,
  findUserById,
  issuePasswordToken,
} from '../directory/index.js';
import { queueMail } from '../notifications/index.js';
import { deleteUserSessions } from './sessions.repo.js';

/** Always accepted (202), whether or not the address is known, so it cannot probe for accounts. */
export async function requestPasswordReset(
  db: Db,
  ctx: Context,
  email: string,
  publicUrl: string,
): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (!user?.active) return;
  await db.transaction(async (tx) => {
    const token = await issuePasswordToken(tx, user.id, 'reset', ctx.now);
    await queueMail(tx, {
      to: user.email,
      subject: 'Reset your Tend password',
      text: `Hello ${user.name},\n\nSomeone (hopefully you) asked to reset your Tend password.\nChoose a new one here (valid for one hour):\n${publicUrl}/reset-password?token=${encodeURIComponent(token)}\n\nIf it was not you, ignore this message; your password stays as it is.\n`,
    });
    await recordAudit(
      tx,
      { ...ctx, actor: SYSTEM_ACTOR },
      {
        action: 'auth.password_reset_requested',
        entityType: 'user',
        entityId: user.id,
        organisationId: user.organisationId,
      },
    );
  });
}

/** Set a new password from a reset or invitation token; every existing session ends. */
export async function confirmPasswordReset(
  db: Db,
  ctx: Context,
  token: string,
  password: string,
): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const userId = await consumePasswordToken(tx, token, ctx.now);
    const user = userId ? await findUserById(tx, userId) : null;
    if (!user?.active) {
      throw validationError([
        { path: 'body.token', message: 'is unknown, already used or expired; ask for a new link' },
      ]);
    }
    await tx
      .update(users)
      .set({
        passwordHash,
        passwordChangedAt: ctx.now,
        failedLoginCount: 0,
        lockedUntil: null,
        updatedAt: ctx.now,
      })
      .where(eq(users.id, user.id));
    await deleteUserSessions(tx, user.id);
    // A reset may follow a takeover: API tokens made by whoever had the account stop too.
    await tx
      .update(apiTokens)
      .set({ revokedAt: ctx.now })
      .where(and(eq(apiTokens.userId, user.id), isNull(apiTokens.revokedAt)));
    await recordAudit(
      tx,
      { ...ctx, actor: { ...SYSTEM_ACTOR, userId: user.id, kind: 'user' } },
      {
        action: 'auth.password_reset',
        entityType: 'user',
        entityId: user.id,
        organisationId: user.organisationId,
      },
    );
  });
}

export async function changePassword(
  db: Db,
  ctx: Context,
  input: { currentPassword: string; newPassword: string },
  keepSessionHash: string | null,
): Promise<void> {
  const user = ctx.actor.userId ? await findUserById(db, ctx.actor.userId) : null;
  if (!user) throw new AppError('unauthenticated', 'auth.unauthenticated', 'sign in first');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw validationError([{ path: 'body.currentPassword', message: 'is not your current password' }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: ctx.now, updatedAt: ctx.now })
      .where(eq(users.id, user.id));
    // Other sessions end (a changed password should lock out whoever else knew the old one).
    await deleteUserSessions(tx, user.id, keepSessionHash);
    await recordAudit(tx, ctx, {
      action: 'auth.password_changed',
      entityType: 'user',
      entityId: user.id,
      organisationId: user.organisationId,
    });
  });
}
