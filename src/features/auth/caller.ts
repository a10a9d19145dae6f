import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { TokenScope } from '../../contracts/auth.js';
import type { Db } from '../../db/client.js';
import { apiTokens, users } from '../../db/schema/index.js';
import type { CallerResolver, ResolvedCaller } from '../../http/auth-hooks.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { digest } from '../../platform/secrets.js';
import { organisationScopeFor } from '../directory/index.js';
import { extendSession, findLiveSession, type UserRow } from './sessions.repo.js';

// Refresh a sliding session at most this often, so reads do not turn into writes.
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;
const TOKEN_TOUCH_INTERVAL_MS = 60 * 1000;

export interface CallerDeps {
  db: Db;
  clock: Clock;
  sessionTtlHours: number;
}

async function actorFor(
  db: Db,
  user: UserRow,
  token: { id: string; scopes: TokenScope[] } | null,
): Promise<Actor> {
  return {
    kind: token ? 'token' : 'user',
    userId: user.id,
    role: user.role,
    organisationId: user.organisationId,
    scopes: token ? token.scopes : 'all',
    tokenId: token?.id ?? null,
    organisations: await organisationScopeFor(db, user),
  };
}

async function fromSession(deps: CallerDeps, secret: string): Promise<ResolvedCaller | null> {
  const now = deps.clock.now();
  const idHash = digest(secret);
  const found = await findLiveSession(deps.db, idHash, now);
  if (!found) return null;
  let expiresAt = found.session.expiresAt;
  if (now.getTime() - found.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    expiresAt = new Date(now.getTime() + deps.sessionTtlHours * 3600_000);
    await extendSession(deps.db, idHash, now, expiresAt);
  }
  return {
    actor: await actorFor(deps.db, found.user, null),
    authentication: { method: 'session', sessionHash: idHash, csrfToken: found.session.csrfToken, expiresAt },
  };
}

async function fromToken(deps: CallerDeps, secret: string): Promise<ResolvedCaller | null> {
  const now = deps.clock.now();
  const rows = await deps.db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, digest(secret)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
        eq(users.active, true),
      ),
    )
    .limit(1);
  const found = rows[0];
  if (!found) return null;
  if (!found.token.lastUsedAt || now.getTime() - found.token.lastUsedAt.getTime() > TOKEN_TOUCH_INTERVAL_MS) {
    await deps.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, found.token.id));
  }
  const scopes = found.token.scopes as TokenScope[];
  return {
    actor: await actorFor(deps.db, found.user, { id: found.token.id, scopes }),
    authentication: { method: 'token', tokenId: found.token.id },
  };
}

/**
 * A bearer token wins over a cookie. A wrong token is an error (not an anonymous request), so a
 * client with a revoked token learns it at once.
 */
export function createCallerResolver(deps: CallerDeps): CallerResolver {
  return async ({ sessionSecret, bearer }) => {
    if (bearer) {
      const caller = await fromToken(deps, bearer);
      if (!caller) {
        throw new AppError(
          'unauthenticated',
          'auth.invalid_token',
          'the API token is unknown, revoked or expired',
        );
      }
      return caller;
    }
    return sessionSecret ? await fromSession(deps, sessionSecret) : null;
  };
}
