import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TokenScope } from '../contracts/auth.js';
import type { Actor } from '../platform/actor.js';
import { AppError } from '../platform/errors.js';
import { safeEqual } from '../platform/secrets.js';
import type { Authentication } from './types.js';

export const SESSION_COOKIE = 'tend_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface ResolvedCaller {
  actor: Actor;
  authentication: Authentication;
}

/** Finds the caller from a session cookie or a bearer token (supplied by the auth feature). */
export interface CallerResolver {
  (input: { sessionSecret: string | null; bearer: string | null }): Promise<ResolvedCaller | null>;
  /**
   * Forget callers it remembers, if it remembers any: called after every request that may have
   * written (any method but GET, HEAD and OPTIONS, unless the route says `callersUnchanged`), before
   * its answer is sent, so that the next request sees what this one changed (a revoked token, a
   * deactivated user, a new team member).
   */
  forget?(): void;
}

function bearerOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match)
    throw new AppError(
      'unauthenticated',
      'auth.malformed_authorization',
      'use "Authorization: Bearer <token>"',
    );
  return match[1] ?? null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function requiredScope(request: FastifyRequest): TokenScope {
  return request.routeOptions.config.scope ?? (SAFE_METHODS.has(request.method) ? 'read' : 'write');
}

function checkCsrf(request: FastifyRequest, authentication: Authentication): void {
  if (authentication.method !== 'session' || SAFE_METHODS.has(request.method)) return;
  if (request.routeOptions.config.csrf === false) return;
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !safeEqual(sent, authentication.csrfToken)) {
    throw new AppError(
      'forbidden',
      'auth.csrf_failed',
      'missing or wrong X-CSRF-Token header; reload the page and retry',
    );
  }
}

function checkScope(request: FastifyRequest, actor: Actor): void {
  if (actor.scopes === 'all') return;
  const scope = requiredScope(request);
  // 'write' implies 'read'; 'admin' is needed on top of write for admin-only routes.
  const granted = actor.scopes.includes(scope) || (scope === 'read' && actor.scopes.includes('write'));
  if (!granted) {
    throw new AppError('forbidden', 'auth.insufficient_scope', `this API token lacks the "${scope}" scope`, {
      scope,
    });
  }
}

/** API routes need a caller unless they say otherwise; the web app's files are public. */
function authModeOf(request: FastifyRequest): 'public' | 'user' {
  return request.routeOptions.config.auth ?? (request.url.startsWith('/api/') ? 'user' : 'public');
}

/** Resolve the caller on every request, then enforce auth, scope and CSRF per route config. */
export function registerAuthHooks(app: FastifyInstance, resolve: CallerResolver): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('authentication', null);
  // onRequest, before the body is parsed: an anonymous caller learns nothing from validation errors.
  app.addHook('onRequest', async (request) => {
    if (request.is404) return;
    const sessionSecret = request.cookies[SESSION_COOKIE] ?? null;
    const caller = await resolve({ sessionSecret, bearer: bearerOf(request) });
    if (caller) {
      request.actor = caller.actor;
      request.authentication = caller.authentication;
    }
    if (authModeOf(request) === 'public') return;
    if (!caller)
      throw new AppError('unauthenticated', 'auth.unauthenticated', 'sign in, or send a valid API token');
    checkScope(request, caller.actor);
    checkCsrf(request, caller.authentication);
  });
  if (resolve.forget) {
    const forget = resolve.forget;
    app.addHook('onSend', async (request) => {
      if (!SAFE_METHODS.has(request.method) && !request.routeOptions.config.callersUnchanged) forget();
    });
  }
}
