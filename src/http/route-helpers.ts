import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errorBody, id } from '../contracts/common.js';
import type { Context } from '../platform/actor.js';
import type { Clock } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';

export const idParams = z.strictObject({ id });

/** The error responses every authenticated route may give, for the OpenAPI document. */
export const standardErrors = {
  400: errorBody.describe('invalid input; details.fields names each bad field'),
  401: errorBody.describe('not signed in, or the API token is invalid'),
  403: errorBody.describe('signed in, but not allowed'),
  404: errorBody.describe('not found (or belongs to another organisation)'),
} as const;

/** The use-case context of a request: who, which request, and now. */
export function contextOf(request: FastifyRequest, clock: Clock): Context {
  if (!request.actor) throw new AppError('unauthenticated', 'auth.unauthenticated', 'sign in first');
  return { actor: request.actor, requestId: request.id, now: clock.now() };
}

export function created<T>(reply: FastifyReply, body: T): T {
  void reply.status(201);
  return body;
}
