import type { z } from 'zod';
import type { createUser, updateUser } from '../../contracts/directory.js';
import type { Db, Executor } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Context } from '../../platform/actor.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { hashPassword } from '../../platform/passwords.js';
import { recordAudit } from '../audit/index.js';
import { queueMail } from '../notifications/index.js';
import { authorize } from './directory.policy.js';
import { findOrganisation } from './organisations.repo.js';
import { issuePasswordToken } from './password-tokens.js';
import { presentUser } from './presenters.js';
import { countActiveAdmins, findUser, insertUser, type UserRow, updateUserRow } from './users.repo.js';

export interface UsersDeps {
  db: Db;
  publicUrl: string;
}

const audited = (row: UserRow) => presentUser(row);

async function loadVisibleUser(executor: Executor, ctx: Context, id: string): Promise<UserRow> {
  const row = await findUser(executor, ctx.actor, id);
  if (!row) throw notFound('user');
  return row;
}

function emailTaken(error: unknown): never {
  if (isUniqueViolation(error, 'users_email')) {
    throw conflict('users.email_taken', 'a user with this email already exists', { field: 'email' });
  }
  throw error;
}

/** Customers' users are customer roles; the provider's are staff roles. */
function checkRoleFitsOrganisation(role: UserRow['role'], kind: 'provider' | 'customer'): void {
  const staff = role === 'admin' || role === 'service_manager' || role === 'agent';
  if (staff !== (kind === 'provider')) {
    throw new AppError(
      'validation',
      'validation_failed',
      `role: ${role} does not fit a ${kind} organisation`,
      {
        fields: [{ path: 'body.role', message: `a ${kind} organisation cannot have ${role} users` }],
      },
    );
  }
}

export async function createUserAccount(deps: UsersDeps, ctx: Context, input: z.infer<typeof createUser>) {
  const organisation = await findOrganisation(deps.db, ctx.actor.organisations, input.organisationId);
  if (!organisation) throw notFound('organisation');
  authorize(ctx.actor, 'user.create', { organisationId: organisation.id, role: input.role });
  checkRoleFitsOrganisation(input.role, organisation.kind);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return await deps.db
    .transaction(async (tx) => {
      const row = await insertUser(tx, {
        id: uuidv7(ctx.now.getTime()),
        organisationId: organisation.id,
        name: input.name,
        email: input.email,
        role: input.role,
        passwordHash,
        passwordChangedAt: passwordHash ? ctx.now : null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      await recordAudit(tx, ctx, {
        action: 'user.created',
        entityType: 'user',
        entityId: row.id,
        organisationId: row.organisationId,
        after: audited(row),
      });
      if (!passwordHash) await sendInvitation(tx, deps, ctx, row, organisation.name);
      return presentUser(row);
    })
    .catch(emailTaken);
}

async function sendInvitation(
  executor: Executor,
  deps: UsersDeps,
  ctx: Context,
  user: UserRow,
  orgName: string,
) {
  const token = await issuePasswordToken(executor, user.id, 'invite', ctx.now);
  await queueMail(executor, {
    to: user.email,
    subject: `You are invited to ${orgName}'s support desk`,
    text: `Hello ${user.name},\n\nAn account has been created for you on Tend.\nChoose your password here (valid for 7 days):\n${deps.publicUrl}/reset-password?token=${encodeURIComponent(token)}\n`,
  });
}

export async function getUser(deps: UsersDeps, ctx: Context, id: string) {
  const row = await loadVisibleUser(deps.db, ctx, id);
  authorize(ctx.actor, 'user.read', { organisationId: row.organisationId, userId: row.id, role: row.role });
  return presentUser(row);
}

export async function updateUserAccount(
  deps: UsersDeps,
  ctx: Context,
  id: string,
  input: z.infer<typeof updateUser>,
) {
  return await deps.db
    .transaction(async (tx) => {
      const before = await loadVisibleUser(tx, ctx, id);
      const target = { organisationId: before.organisationId, userId: before.id, role: before.role };
      authorize(ctx.actor, 'user.update', target);
      if (input.role !== undefined && input.role !== before.role) {
        authorize(ctx.actor, 'user.change_role', target);
        const organisation = await findOrganisation(tx, { all: true }, before.organisationId);
        checkRoleFitsOrganisation(input.role, organisation?.kind ?? 'customer');
        if (before.role === 'admin') await refuseLosingLastAdmin(tx);
      }
      const selfOnly = ctx.actor.userId === before.id && ctx.actor.role !== 'admin';
      if (selfOnly && input.email !== undefined && input.email !== before.email) {
        throw new AppError(
          'forbidden',
          'users.forbidden',
          'ask an administrator to change your email address',
        );
      }
      const after = await updateUserRow(tx, id, { ...input, updatedAt: ctx.now });
      await recordAudit(tx, ctx, {
        action: 'user.updated',
        entityType: 'user',
        entityId: id,
        organisationId: after.organisationId,
        before: audited(before),
        after: audited(after),
      });
      return presentUser(after);
    })
    .catch(emailTaken);
}

async function refuseLosingLastAdmin(executor: Executor): Promise<void> {
  if ((await countActiveAdmins(executor)) <= 1) {
    throw conflict(
      'users.last_admin',
      'this is the last active administrator; make someone else admin first',
    );
  }
}

export async function setUserActive(deps: UsersDeps, ctx: Context, id: string, active: boolean) {
  return await deps.db.transaction(async (tx) => {
    const before = await loadVisibleUser(tx, ctx, id);
    authorize(ctx.actor, 'user.deactivate', {
      organisationId: before.organisationId,
      userId: id,
      role: before.role,
    });
    if (!active && id === ctx.actor.userId) {
      throw conflict('users.cannot_deactivate_self', 'you cannot deactivate your own account');
    }
    if (!active && before.role === 'admin' && before.active) await refuseLosingLastAdmin(tx);
    // Sessions and tokens of an inactive user stop working at once: both are resolved only for active users.
    const after = await updateUserRow(tx, id, { active, updatedAt: ctx.now });
    await recordAudit(tx, ctx, {
      action: active ? 'user.reactivated' : 'user.deactivated',
      entityType: 'user',
      entityId: id,
      organisationId: after.organisationId,
      before: audited(before),
      after: audited(after),
    });
    return presentUser(after);
  });
}
