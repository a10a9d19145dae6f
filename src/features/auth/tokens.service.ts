import { and, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { ApiToken, createApiToken, TokenScope } from '../../contracts/auth.js';
import type { Db } from '../../db/client.js';
import { apiTokens } from '../../db/schema/index.js';
import type { Context } from '../../platform/actor.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { randomSecret, uuidv7 } from '../../platform/ids.js';
import { digest } from '../../platform/secrets.js';
import { recordAudit } from '../audit/index.js';

type TokenRow = typeof apiTokens.$inferSelect;

export const TOKEN_PREFIX = 'tend_';

function presentToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as TokenScope[],
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

function requireUser(ctx: Context): string {
  if (!ctx.actor.userId) throw new AppError('unauthenticated', 'auth.unauthenticated', 'sign in first');
  return ctx.actor.userId;
}

/** The admin scope only for administrators; email:inbound only for staff who set up channels. */
function checkGrantable(ctx: Context, scopes: TokenScope[]): void {
  if (scopes.includes('admin') && ctx.actor.role !== 'admin')
    throw forbidden('tokens.forbidden_scope', 'only administrators may grant the admin scope');
  if (scopes.includes('email:inbound') && ctx.actor.role !== 'admin') {
    throw forbidden('tokens.forbidden_scope', 'only administrators may grant the email:inbound scope');
  }
  // A token can never do more than the session that made it.
  if (ctx.actor.scopes !== 'all' && !scopes.every((scope) => ctx.actor.scopes.includes(scope))) {
    throw forbidden('tokens.forbidden_scope', 'a token cannot grant scopes its creator lacks');
  }
}

export async function createToken(db: Db, ctx: Context, input: z.infer<typeof createApiToken>) {
  const userId = requireUser(ctx);
  const scopes = [...new Set(input.scopes)];
  checkGrantable(ctx, scopes);
  const secret = `${TOKEN_PREFIX}${randomSecret(32)}`;
  return await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        id: uuidv7(ctx.now.getTime()),
        userId,
        name: input.name,
        tokenHash: digest(secret),
        prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
        scopes,
        expiresAt:
          input.expiresInDays === null
            ? null
            : new Date(ctx.now.getTime() + input.expiresInDays * 86_400_000),
        createdAt: ctx.now,
      })
      .returning();
    const token = presentToken(row!);
    await recordAudit(tx, ctx, {
      action: 'api_token.created',
      entityType: 'api_token',
      entityId: token.id,
      after: token,
    });
    return { token, secret };
  });
}

export async function listTokens(db: Db, ctx: Context) {
  const userId = requireUser(ctx);
  const rows = await db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt))
    .limit(200);
  return { items: rows.map(presentToken) };
}

export async function revokeToken(db: Db, ctx: Context, id: string): Promise<void> {
  const userId = requireUser(ctx);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: ctx.now })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .returning();
    if (!row) throw notFound('api_token');
    await recordAudit(tx, ctx, {
      action: 'api_token.revoked',
      entityType: 'api_token',
      entityId: id,
      after: presentToken(row),
    });
  });
}
