import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorKind } from '../platform/errors.js';

/** The one table from error kinds to HTTP statuses. */
export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

interface ErrorPayload {
  status: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

interface ZodIssueLike {
  instancePath?: string;
  message?: string;
  params?: { issue?: { path?: PropertyKey[]; message?: string; code?: string; keys?: string[] } };
}

function issuePath(where: string, issue: ZodIssueLike): string {
  const path = issue.params?.issue?.path;
  const base = path && path.length > 0 ? path.map(String).join('.') : (issue.instancePath ?? '').replace(/^\//, '');
  const keys = issue.params?.issue?.code === 'unrecognized_keys' ? issue.params.issue.keys : undefined;
  const full = keys && keys.length > 0 ? [base, keys.join(',')].filter(Boolean).join('.') : base;
  return full === '' ? where : `${where}.${full}`;
}

function fromValidation(error: FastifyError): ErrorPayload {
  const where = error.validationContext ?? 'body';
  const issues = (error.validation ?? []) as ZodIssueLike[];
  const fields = issues.map((issue) => ({
    path: issuePath(where, issue),
    message: issue.params?.issue?.message ?? issue.message ?? 'is invalid',
  }));
  return {
    status: 400,
    code: 'validation_failed',
    message: fields.map((field) => `${field.path}: ${field.message}`).join('; ') || 'invalid request',
    details: { fields },
  };
}

export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof AppError) {
    return { status: STATUS_BY_KIND[error.kind], code: error.code, message: error.message, details: error.details };
  }
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fastifyError) || fastifyError.validation) return fromValidation(fastifyError);
  if (isResponseSerializationError(fastifyError)) {
    return { status: 500, code: 'internal', message: 'the server produced an invalid response' };
  }
  const status = fastifyError.statusCode ?? 500;
  if (status === 429) return { status, code: 'rate_limited', message: 'too many requests; slow down and retry' };
  if (status === 413) return { status, code: 'payload_too_large', message: 'the request body is too large' };
  if (status === 415) return { status, code: 'unsupported_media_type', message: fastifyError.message };
  if (status >= 400 && status < 500) {
    return { status, code: 'bad_request', message: fastifyError.message || 'bad request' };
  }
  return { status: 500, code: 'internal', message: 'something went wrong on our side; it has been logged' };
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const payload = toErrorPayload(error);
  if (payload.status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: payload.code, status: payload.status }, 'request rejected');
  const retryAfter = payload.details?.retryAfterSeconds;
  if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
  void reply.status(payload.status).send({
    error: { code: payload.code, message: payload.message, ...(payload.details ? { details: payload.details } : {}) },
  });
}
