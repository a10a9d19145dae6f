import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../../contracts/common.js';
import { standardErrors } from '../../http/route-helpers.js';
import { AppError } from '../../platform/errors.js';

export const errors = {
  ...standardErrors,
  409: errorBody,
  412: errorBody.describe('it changed since you read it; details.current is its state now'),
  422: errorBody.describe('not possible in its current state (details say why)'),
};

/** `If-Match: "12"` (or W/"12", or 12) → 12; required so that edits never silently overwrite. */
export function versionFrom(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  const match = typeof header === 'string' ? /^(?:W\/)?"?(\d+)"?$/.exec(header.trim()) : null;
  if (!match)
    throw new AppError(
      'precondition_required',
      'maintenance.version_required',
      'send If-Match: "<version>" with the version you last read, so no edit is silently overwritten',
    );
  return Number.parseInt(match[1]!, 10);
}

export function withEtag<T extends { version: number }>(reply: FastifyReply, body: T): T {
  void reply.header('etag', `"${body.version}"`);
  return body;
}
