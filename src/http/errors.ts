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
  precondition_required: 428,
  unprocessable: 422,
  too_large: 413,
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
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: {
    keys?: string[];
    issue?: { path?: PropertyKey[]; message?: string; code?: string; keys?: string[] };
  };
}

/** Fastify calls the query string "querystring"; clients (and our own errors) call it "query". */
const WHERE_NAMES: Record<string, string> = { querystring: 'query' };

/** The issue's location as path segments: `/domains/1` (a JSON pointer) → ['domains', '1']. */
function issueSegments(issue: ZodIssueLike): string[] {
  const path = issue.params?.issue?.path;
  if (path && path.length > 0) return path.map(String);
  return (issue.instancePath ?? '')
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** One field per problem, dotted (`body.domains.1`); an unknown key is named itself (`body.colour`). */
function issueFields(where: string, issue: ZodIssueLike): { path: string; message: string }[] {
  const base = [WHERE_NAMES[where] ?? where, ...issueSegments(issue)];
  const unknownKeys =
    issue.keyword === 'unrecognized_keys' || issue.params?.issue?.code === 'unrecognized_keys'
      ? (issue.params?.keys ?? issue.params?.issue?.keys ?? [])
      : [];
  if (unknownKeys.length > 0)
    return unknownKeys.map((key) => ({ path: [...base, key].join('.'), message: 'is not a known field' }));
  return [{ path: base.join('.'), message: issue.params?.issue?.message ?? issue.message ?? 'is invalid' }];
}

function fromValidation(error: FastifyError): ErrorPayload {
  const where = error.validationContext ?? 'body';
  const issues = (error.validation ?? []) as ZodIssueLike[];
  const fields = issues.flatMap((issue) => issueFields(where, issue));
  return {
    status: 400,
    code: 'validation_failed',
    message: fields.map((field) => `${field.path}: ${field.message}`).join('; ') || 'invalid request',
    details: { fields },
  };
}

/** SQLSTATE class 22 (data exception: a value the column's type cannot hold), through Drizzle's wrapping. */
function isDataException(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code.startsWith('22');
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Every input but the cursor is checked by the route's schema before any query runs; the cursor is
 * opaque and only the database can tell that a forged one's values do not fit the sort's types.
 */
function fromForgedCursor(error: unknown, request: FastifyRequest): ErrorPayload | null {
  const cursor = (request.query as { cursor?: unknown } | undefined)?.cursor;
  if (cursor === undefined || !isDataException(error)) return null;
  const fields = [{ path: 'query.cursor', message: 'is not a cursor this server issued' }];
  return {
    status: 400,
    code: 'validation_failed',
    message: 'query.cursor: is not a cursor this server issued',
    details: { fields },
  };
}

export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof AppError) {
    return {
      status: STATUS_BY_KIND[error.kind],
      code: error.code,
      message: error.message,
      details: error.details,
    };
  }
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fastifyError) || fastifyError.validation)
    return fromValidation(fastifyError);
  if (isResponseSerializationError(fastifyError)) {
    return { status: 500, code: 'internal', message: 'the server produced an invalid response' };
  }
  const status = fastifyError.statusCode ?? 500;
  if (status === 429)
    return { status, code: 'rate_limited', message: 'too many requests; slow down and retry' };
  if (status === 413) return { status, code: 'payload_too_large', message: 'the request body is too large' };
  if (status === 415) return { status, code: 'unsupported_media_type', message: fastifyError.message };
  if (status >= 400 && status < 500) {
    return { status, code: 'bad_request', message: fastifyError.message || 'bad request' };
  }
  return { status: 500, code: 'internal', message: 'something went wrong on our side; it has been logged' };
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const payload = fromForgedCursor(error, request) ?? toErrorPayload(error);
  if (payload.status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: payload.code, status: payload.status }, 'request rejected');
  const retryAfter = payload.details?.retryAfterSeconds;
  if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
  void reply.status(payload.status).send({
    error: {
      code: payload.code,
      message: payload.message,
      ...(payload.details ? { details: payload.details } : {}),
    },
  });
}
