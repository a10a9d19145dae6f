import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { serviceComponents, serviceEnvironments, serviceOwners, users } from '../../db/schema/index.js';
import type { ComponentRow, EnvironmentRow, OwnerRow } from './presenters.js';

/** Environments, components and owners of one service (already found within the caller's scope). */

export async function listEnvironmentRows(executor: Executor, serviceId: string): Promise<EnvironmentRow[]> {
  return await executor
    .select()
    .from(serviceEnvironments)
    .where(eq(serviceEnvironments.serviceId, serviceId))
    .orderBy(sql`lower(${serviceEnvironments.name})`, asc(serviceEnvironments.id));
}

export async function findEnvironmentRow(
  executor: Executor,
  serviceId: string,
  id: string,
): Promise<EnvironmentRow | null> {
  const rows = await executor
    .select()
    .from(serviceEnvironments)
    .where(and(eq(serviceEnvironments.serviceId, serviceId), eq(serviceEnvironments.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertEnvironment(
  executor: Executor,
  values: typeof serviceEnvironments.$inferInsert,
): Promise<EnvironmentRow> {
  const [row] = await executor.insert(serviceEnvironments).values(values).returning();
  return row!;
}

export async function updateEnvironmentRow(
  executor: Executor,
  id: string,
  changes: Partial<Pick<EnvironmentRow, 'name' | 'kind' | 'description' | 'updatedAt'>>,
): Promise<EnvironmentRow> {
  const [row] = await executor
    .update(serviceEnvironments)
    .set(changes)
    .where(eq(serviceEnvironments.id, id))
    .returning();
  return row!;
}

export async function deleteEnvironmentRow(executor: Executor, id: string): Promise<void> {
  await executor.delete(serviceEnvironments).where(eq(serviceEnvironments.id, id));
}

export async function listComponentRows(executor: Executor, serviceId: string): Promise<ComponentRow[]> {
  return await executor
    .select()
    .from(serviceComponents)
    .where(eq(serviceComponents.serviceId, serviceId))
    .orderBy(sql`lower(${serviceComponents.name})`, asc(serviceComponents.id));
}

export async function findComponentRow(
  executor: Executor,
  serviceId: string,
  id: string,
): Promise<ComponentRow | null> {
  const rows = await executor
    .select()
    .from(serviceComponents)
    .where(and(eq(serviceComponents.serviceId, serviceId), eq(serviceComponents.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertComponent(
  executor: Executor,
  values: typeof serviceComponents.$inferInsert,
): Promise<ComponentRow> {
  const [row] = await executor.insert(serviceComponents).values(values).returning();
  return row!;
}

export async function updateComponentRow(
  executor: Executor,
  id: string,
  changes: Partial<Pick<ComponentRow, 'name' | 'version' | 'description' | 'environmentId' | 'updatedAt'>>,
): Promise<ComponentRow> {
  const [row] = await executor
    .update(serviceComponents)
    .set(changes)
    .where(eq(serviceComponents.id, id))
    .returning();
  return row!;
}

export async function deleteComponentRow(executor: Executor, id: string): Promise<void> {
  await executor.delete(serviceComponents).where(eq(serviceComponents.id, id));
}

const ownerColumns = {
  serviceId: serviceOwners.serviceId,
  userId: serviceOwners.userId,
  name: users.name,
  email: users.email,
  role: serviceOwners.role,
  createdAt: serviceOwners.createdAt,
};

export async function listOwnerRows(executor: Executor, serviceId: string): Promise<OwnerRow[]> {
  return await executor
    .select(ownerColumns)
    .from(serviceOwners)
    .innerJoin(users, eq(users.id, serviceOwners.userId))
    .where(eq(serviceOwners.serviceId, serviceId))
    .orderBy(asc(serviceOwners.role), sql`lower(${users.name})`, asc(users.id));
}

/** Adding an owner twice is a no-op; returns whether a row was added. */
export async function insertOwner(
  executor: Executor,
  values: typeof serviceOwners.$inferInsert,
): Promise<boolean> {
  const rows = await executor
    .insert(serviceOwners)
    .values(values)
    .onConflictDoNothing()
    .returning({ userId: serviceOwners.userId });
  return rows.length > 0;
}

export async function deleteOwnerRow(
  executor: Executor,
  key: { serviceId: string; userId: string; role: 'technical' | 'business' },
): Promise<boolean> {
  const rows = await executor
    .delete(serviceOwners)
    .where(
      and(
        eq(serviceOwners.serviceId, key.serviceId),
        eq(serviceOwners.userId, key.userId),
        eq(serviceOwners.role, key.role),
      ),
    )
    .returning({ userId: serviceOwners.userId });
  return rows.length > 0;
}
