import { sql } from 'drizzle-orm';
import type { User } from '../../contracts/directory.js';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { organisations } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import { conflict, validationError } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { hashPassword } from '../../platform/passwords.js';
import { recordAudit } from '../audit/index.js';
import { findProvider, insertUser, presentUser } from '../directory/index.js';
import { SETUP_LOCK_KEY } from './setup.service.js';

export interface AdministratorInput {
  organisationName: string | null;
  name: string;
  email: string;
  password: string;
}

/**
 * `tend admin create`: an administrator in the provider organisation, creating that organisation
 * first when this is a fresh installation.
 */
export async function createAdministrator(db: Db, ctx: Context, input: AdministratorInput): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK_KEY})`);
      let provider = await findProvider(tx);
      if (!provider) {
        if (!input.organisationName) {
          throw validationError([
            { path: 'organisation', message: 'is required on a fresh installation (--organisation)' },
          ]);
        }
        const [inserted] = await tx
          .insert(organisations)
          .values({
            id: uuidv7(),
            name: input.organisationName,
            kind: 'provider',
            createdAt: ctx.now,
            updatedAt: ctx.now,
          })
          .returning();
        provider = inserted ?? null;
      }
      const user = await insertUser(tx, {
        id: uuidv7(),
        organisationId: provider!.id,
        name: input.name,
        email: input.email,
        role: 'admin',
        passwordHash,
        passwordChangedAt: ctx.now,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      await recordAudit(tx, ctx, {
        action: 'user.created',
        entityType: 'user',
        entityId: user.id,
        organisationId: provider!.id,
        after: presentUser(user),
      });
      return presentUser(user);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'users_email'))
      throw conflict('users.email_taken', `a user with the email ${input.email} already exists`);
    throw error;
  }
}
