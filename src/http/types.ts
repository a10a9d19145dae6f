import type { TokenScope } from '../contracts/auth.js';
import type { Actor } from '../platform/actor.js';

/** How a request proved who it is. */
export type Authentication =
  | { method: 'session'; sessionHash: string; csrfToken: string; expiresAt: Date }
  | { method: 'token'; tokenId: string };

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    authentication: Authentication | null;
  }
  interface FastifyContextConfig {
    /** 'public' routes need no caller; everything else needs a signed-in user or a token. */
    auth?: 'public' | 'user';
    /** The API-token scope the route requires (default: read for GET/HEAD, write otherwise). */
    scope?: TokenScope;
    /** Cookie-authenticated writes need the CSRF header unless a route opts out (login). */
    csrf?: boolean;
    /** Roles the route is meant for, shown in the OpenAPI document. */
    roles?: string;
    /**
     * The write never changes who a caller is (no token, session, user, team membership or
     * coverage): remembered callers are kept after it. For hot write paths (opening and answering
     * tickets); other writes make the process forget them all.
     */
    callersUnchanged?: boolean;
  }
}
