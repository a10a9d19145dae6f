import { z } from 'zod';

/** Shapes every resource shares: ids, instants, pagination, the one error shape. */
export const id = z.uuid().describe('opaque id (a UUID)');
export const instant = z.string().datetime({ offset: false }).describe('ISO-8601 UTC instant ending in Z');
export const email = z.string().trim().toLowerCase().email().max(320);

export const tiers = ['L1', 'L2', 'L3', 'L4'] as const;
export const tier = z.enum(tiers);
export type Tier = z.infer<typeof tier>;

export const roles = ['admin', 'service_manager', 'agent', 'customer_manager', 'requester'] as const;
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;

export const staffRoles: readonly Role[] = ['admin', 'service_manager', 'agent'];
export const customerRoles: readonly Role[] = ['customer_manager', 'requester'];

/** A password policy a help desk can live with: long enough, not absurdly long for argon2. */
export const newPassword = z.string().min(10, 'must be at least 10 characters').max(256);

export const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(512).optional(),
});

export function page<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const errorBody = z.object({
  error: z.object({
    code: z.string().describe('stable, dotted error code, e.g. tickets.invalid_transition'),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;

/** Query-string booleans arrive as text. */
export const queryBoolean = z.enum(['true', 'false']).transform((value) => value === 'true');
