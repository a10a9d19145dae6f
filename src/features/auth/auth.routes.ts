import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  apiTokenList,
  changePassword as changePasswordBody,
  createApiToken,
  createdApiToken,
  login as loginBody,
  passwordResetConfirm,
  passwordResetRequest,
  session as sessionSchema,
  setup as setupBody,
  setupStatus,
  whoami,
} from '../../contracts/auth.js';
import { errorBody } from '../../contracts/common.js';
import type { Db } from '../../db/client.js';
import { SESSION_COOKIE } from '../../http/auth-hooks.js';
import { contextOf, created, idParams, standardErrors } from '../../http/route-helpers.js';
import { type Context, SYSTEM_ACTOR } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { findOrganisation, findUserById, presentOrganisation, presentUser } from '../directory/index.js';
import { type IssuedSession, type LoginPolicy, login, logout } from './login.service.js';
import { changePassword, confirmPasswordReset, requestPasswordReset } from './password.service.js';
import { completeSetup, needsSetup } from './setup.service.js';
import { createToken, listTokens, revokeToken } from './tokens.service.js';

export interface AuthRouteDeps {
  db: Db;
  clock: Clock;
  policy: LoginPolicy;
  publicUrl: string;
  loginRateLimitPerMinute: number;
}

const anonymous = (request: FastifyRequest, clock: Clock): Context => ({
  actor: SYSTEM_ACTOR,
  requestId: request.id,
  now: clock.now(),
});

function setSessionCookie(reply: FastifyReply, issued: IssuedSession, secure: boolean): void {
  void reply.setCookie(SESSION_COOKIE, issued.secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    expires: new Date(issued.session.expiresAt),
  });
}

const clientOf = (request: FastifyRequest) => ({
  ip: request.ip ?? null,
  userAgent: request.headers['user-agent'] ?? null,
});

export function authRoutes(deps: AuthRouteDeps) {
  const secure = deps.publicUrl.startsWith('https://');
  const limited = { rateLimit: { max: deps.loginRateLimitPerMinute, timeWindow: '1 minute' } };
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const tags = ['auth'];

    app.get(
      '/api/v1/setup',
      {
        config: { auth: 'public' },
        schema: { tags, summary: 'Whether first-run setup is needed', response: { 200: setupStatus } },
      },
      async () => ({
        needsSetup: await needsSetup(deps.db),
      }),
    );

    app.post(
      '/api/v1/setup',
      {
        config: { auth: 'public', csrf: false, ...limited },
        schema: {
          tags,
          summary: 'First run: create the provider organisation and first admin',
          body: setupBody,
          response: { 201: sessionSchema, 409: errorBody },
        },
      },
      async (request, reply) => {
        const issued = await completeSetup(
          deps.db,
          anonymous(request, deps.clock),
          request.body,
          deps.policy,
          clientOf(request),
        );
        setSessionCookie(reply, issued, secure);
        return created(reply, issued.session);
      },
    );

    app.post(
      '/api/v1/auth/login',
      {
        config: { auth: 'public', csrf: false, ...limited },
        schema: {
          tags,
          summary: 'Sign in with email and password',
          body: loginBody,
          response: { 200: sessionSchema, 401: errorBody, 429: errorBody },
        },
      },
      async (request, reply) => {
        const issued = await login(
          deps.db,
          anonymous(request, deps.clock),
          request.body,
          deps.policy,
          clientOf(request),
        );
        setSessionCookie(reply, issued, secure);
        return issued.session;
      },
    );

    app.get(
      '/api/v1/auth/session',
      {
        schema: {
          tags,
          summary: 'The signed-in user and CSRF token',
          response: { 200: sessionSchema, 401: errorBody },
        },
      },
      async (request) => {
        const authentication = request.authentication;
        if (authentication?.method !== 'session')
          throw new AppError('unauthenticated', 'auth.unauthenticated', 'no browser session');
        const user = await findUserById(deps.db, request.actor!.userId!);
        const organisation = user && (await findOrganisation(deps.db, { all: true }, user.organisationId));
        if (!user || !organisation)
          throw new AppError('unauthenticated', 'auth.unauthenticated', 'no browser session');
        return {
          user: presentUser(user),
          organisation: presentOrganisation(organisation),
          csrfToken: authentication.csrfToken,
          expiresAt: authentication.expiresAt.toISOString(),
        };
      },
    );

    app.get(
      '/api/v1/auth/whoami',
      {
        schema: {
          tags,
          summary: 'Who the API takes you for (checks a token without reading anything else)',
          response: { 200: whoami, ...standardErrors },
        },
      },
      async (request) => {
        const actor = request.actor!;
        return {
          userId: actor.userId!,
          role: actor.role!,
          organisationId: actor.organisationId!,
          method: request.authentication!.method,
          scopes: actor.scopes === 'all' ? null : [...actor.scopes],
        };
      },
    );

    app.post(
      '/api/v1/auth/logout',
      { schema: { tags, summary: 'Sign out (ends this session)', response: { 204: z.null() } } },
      async (request, reply) => {
        if (request.authentication?.method === 'session')
          await logout(deps.db, contextOf(request, deps.clock), request.authentication.sessionHash);
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/v1/auth/password-reset',
      {
        config: { auth: 'public', csrf: false, ...limited },
        schema: {
          tags,
          summary: 'Email a password-reset link',
          body: passwordResetRequest,
          response: { 202: z.object({ status: z.literal('accepted') }) },
        },
      },
      async (request, reply) => {
        await requestPasswordReset(
          deps.db,
          anonymous(request, deps.clock),
          request.body.email,
          deps.publicUrl,
        );
        return reply.status(202).send({ status: 'accepted' as const });
      },
    );

    app.post(
      '/api/v1/auth/password-reset/confirm',
      {
        config: { auth: 'public', csrf: false, ...limited },
        schema: {
          tags,
          summary: 'Set a new password with a reset or invitation token',
          body: passwordResetConfirm,
          response: { 204: z.null(), 400: errorBody },
        },
      },
      async (request, reply) => {
        await confirmPasswordReset(
          deps.db,
          anonymous(request, deps.clock),
          request.body.token,
          request.body.password,
        );
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/v1/auth/password',
      {
        // Limited like sign-in: a stolen session must not be able to guess the current password.
        config: { ...limited },
        schema: {
          tags,
          summary: 'Change your password',
          body: changePasswordBody,
          response: { 204: z.null(), ...standardErrors },
        },
      },
      async (request, reply) => {
        const keep = request.authentication?.method === 'session' ? request.authentication.sessionHash : null;
        await changePassword(deps.db, contextOf(request, deps.clock), request.body, keep);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/auth/tokens',
      { schema: { tags, summary: 'Your API tokens', response: { 200: apiTokenList, ...standardErrors } } },
      async (request) => listTokens(deps.db, contextOf(request, deps.clock)),
    );

    app.post(
      '/api/v1/auth/tokens',
      {
        schema: {
          tags,
          summary: 'Create an API token (the secret is shown once)',
          body: createApiToken,
          response: { 201: createdApiToken, ...standardErrors },
        },
      },
      async (request, reply) =>
        created(reply, await createToken(deps.db, contextOf(request, deps.clock), request.body)),
    );

    app.delete(
      '/api/v1/auth/tokens/:id',
      {
        schema: {
          tags,
          summary: 'Revoke an API token',
          params: idParams,
          response: { 204: z.null(), ...standardErrors },
        },
      },
      async (request, reply) => {
        await revokeToken(deps.db, contextOf(request, deps.clock), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
