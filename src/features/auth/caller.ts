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
import type { CallerCache } from './caller-cache.js';
import { extendSession, findLiveSession, type UserRow } from './sessions.repo.js';

// Refresh a sliding session at most this often, so reads do not turn into writes.
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;
const TOKEN_TOUCH_INTERVAL_MS = 60 * 1000;

export interface CallerDeps {
  db: Db;
  clock: Clock;
  sessionTtlHours: number;
  /** Remembers resolved callers (optional; see caller-cache.ts). */
  cache?: CallerCache;
}

/** What was found, and until when it may be remembered. */
interface Found {
  caller: ResolvedCaller;
  validUntil: number;
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

async function fromSession(deps: CallerDeps, idHash: string): Promise<Found | null> {
  const now = deps.clock.now();
  const found = await findLiveSession(deps.db, idHash, now);
  if (!found) return null;
  let expiresAt = found.session.expiresAt;
  let lastSeenAt = found.session.lastSeenAt;
  if (now.getTime() - lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    expiresAt = new Date(now.getTime() + deps.sessionTtlHours * 3600_000);
    lastSeenAt = now;
    await extendSession(deps.db, idHash, now, expiresAt);
  }
  return {
    caller: {
      actor: await actorFor(deps.db, found.user, null),
      authentication: {
        method: 'session',
        sessionHash: idHash,
        csrfToken: found.session.csrfToken,
        expiresAt,
      },
    },
    // Remembered until the next sliding refresh is due at the latest (that one reads again).
    validUntil: Math.min(expiresAt.getTime(), lastSeenAt.getTime() + TOUCH_INTERVAL_MS),
  };
}

async function fromToken(deps: CallerDeps, tokenHash: string): Promise<Found | null> {
  const now = deps.clock.now();
  const rows = await deps.db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
        eq(users.active, true),
      ),
    )
    .limit(1);
  const found = rows[0];
  if (!found) return null;
  let lastUsedAt = found.token.lastUsedAt;
  if (!lastUsedAt || now.getTime() - lastUsedAt.getTime() > TOKEN_TOUCH_INTERVAL_MS) {
    await deps.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, found.token.id));
    lastUsedAt = now;
  }
  const scopes = found.token.scopes as TokenScope[];
  return {
    caller: {
      actor: await actorFor(deps.db, found.user, { id: found.token.id, scopes }),
      authentication: { method: 'token', tokenId: found.token.id },
    },
    // Remembered until the token expires or its "last used" is due for a refresh, whichever is first.
    validUntil: Math.min(
      found.token.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY,
      lastUsedAt.getTime() + TOKEN_TOUCH_INTERVAL_MS,
    ),
  };
}

/** Look up through the cache: a hit costs no query; a miss is stored if nothing changed meanwhile. */
async function remembered(
  deps: CallerDeps,
  key: string,
  lookup: () => Promise<Found | null>,
): Promise<ResolvedCaller | null> {
  const cache = deps.cache;
  if (!cache) return (await lookup())?.caller ?? null;
  const now = deps.clock.now().getTime();
  const hit = cache.get(key, now);
  if (hit) return hit;
  const generation = cache.generation;
  const found = await lookup();
  if (found) cache.set(key, found.caller, Math.min(found.validUntil, now + cache.ttlMs), generation);
  return found?.caller ?? null;
}

/**
 * A bearer token wins over a cookie. A wrong token is an error (not an anonymous request), so a
 * client with a revoked token learns it at once.
 */
export function createCallerResolver(deps: CallerDeps): CallerResolver {
  const resolve: CallerResolver = async ({ sessionSecret, bearer }) => {
    if (bearer) {
      const tokenHash = digest(bearer);
      const caller = await remembered(deps, `t:${tokenHash}`, () => fromToken(deps, tokenHash));
      if (!caller) {
        throw new AppError(
          'unauthenticated',
          'auth.invalid_token',
          'the API token is unknown, revoked or expired',
        );
      }
      return caller;
    }
    if (!sessionSecret) return null;
    const idHash = digest(sessionSecret);
    return await remembered(deps, `s:${idHash}`, () => fromSession(deps, idHash));
  };
  if (deps.cache) {
    const cache = deps.cache;
    resolve.forget = () => cache.forget();
  }
  return resolve;
}
