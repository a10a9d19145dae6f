import type { TokenScope } from '../contracts/auth.js';
import type { Role } from '../contracts/common.js';

/**
 * Who is acting. Resolved once per request (session cookie or API token) or set to `system` for
 * jobs. `organisations` is the tenant scope that every repository query is filtered by.
 */
export interface Actor {
  kind: 'user' | 'token' | 'system';
  userId: string | null;
  role: Role | null;
  organisationId: string | null;
  /** 'all' for sessions and the system; a token's granted scopes otherwise. */
  scopes: 'all' | readonly TokenScope[];
  tokenId: string | null;
  organisations: OrganisationScope;
}

/** Which organisations' data an actor may reach: all of them, or a fixed list. */
export type OrganisationScope = { all: true } | { all: false; ids: readonly string[] };

export const SYSTEM_ACTOR: Actor = {
  kind: 'system',
  userId: null,
  role: null,
  organisationId: null,
  scopes: 'all',
  tokenId: null,
  organisations: { all: true },
};

/** Everything a use case needs to know about the call it serves. */
export interface Context {
  actor: Actor;
  requestId: string | null;
  now: Date;
}

export function canReachOrganisation(scope: OrganisationScope, organisationId: string): boolean {
  return scope.all || scope.ids.includes(organisationId);
}
