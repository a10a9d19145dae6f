import { and, eq, inArray } from 'drizzle-orm';
import { staffRoles } from '../../contracts/common.js';
import type { Interval } from '../../core/changes/index.js';
import type { Executor } from '../../db/client.js';
import { serviceEnvironments, services } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { type FieldProblem, validationError } from '../../platform/errors.js';
import { findOrganisation, findUser } from '../directory/index.js';
import type { Affected } from './changes.repo.js';

export async function checkOrganisation(executor: Executor, actor: Actor, organisationId: string) {
  const organisation = await findOrganisation(executor, actor.organisations, organisationId);
  if (!organisation?.active)
    throw validationError([
      { path: 'body.organisationId', message: 'is not an active organisation you can see' },
    ]);
  return organisation;
}

/** The owner works the change: an active staff member the caller can see. */
export async function checkOwner(executor: Executor, actor: Actor, ownerId: string, path: string) {
  const owner = await findUser(executor, actor, ownerId);
  if (!owner?.active || !staffRoles.includes(owner.role))
    throw validationError([{ path, message: 'is not an active staff member you can see' }]);
}

/**
 * Each entry names an active service of the change's organisation and one of that service's
 * environments; no environment twice. Returns the entries as given.
 */
export async function checkAffected(
  executor: Executor,
  organisationId: string,
  affected: readonly Affected[],
): Promise<Affected[]> {
  if (affected.length === 0) return [];
  const found = await executor
    .select({
      serviceId: services.id,
      organisationId: services.organisationId,
      status: services.status,
      environmentId: serviceEnvironments.id,
    })
    .from(serviceEnvironments)
    .innerJoin(services, eq(services.id, serviceEnvironments.serviceId))
    .where(
      and(
        inArray(
          serviceEnvironments.id,
          affected.map((entry) => entry.environmentId),
        ),
      ),
    );
  const byEnvironment = new Map(found.map((row) => [row.environmentId, row]));
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  affected.forEach((entry, index) => {
    const row = byEnvironment.get(entry.environmentId);
    const path = `body.affected.${index}`;
    if (!row || row.serviceId !== entry.serviceId || row.organisationId !== organisationId)
      problems.push({
        path: `${path}.environmentId`,
        message: 'is not an environment of a service of this organisation',
      });
    else if (row.status !== 'active') problems.push({ path: `${path}.serviceId`, message: 'is retired' });
    else if (seen.has(entry.environmentId))
      problems.push({ path: `${path}.environmentId`, message: 'is listed twice' });
    seen.add(entry.environmentId);
  });
  if (problems.length > 0) throw validationError(problems);
  return [...affected];
}

/** Both ends or neither; the end after the start. */
export function checkPlan(start: Date | null, end: Date | null, prefix = 'body'): Interval | null {
  if (start === null && end === null) return null;
  if (start === null)
    throw validationError([{ path: `${prefix}.plannedStart`, message: 'is required with plannedEnd' }]);
  if (end === null)
    throw validationError([{ path: `${prefix}.plannedEnd`, message: 'is required with plannedStart' }]);
  if (end.getTime() <= start.getTime())
    throw validationError([{ path: `${prefix}.plannedEnd`, message: 'must be after plannedStart' }]);
  return { start, end };
}
