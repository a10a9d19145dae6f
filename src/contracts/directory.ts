import { z } from 'zod';
import { email, id, instant, listQuery, newPassword, page, queryBoolean, role, tier } from './common.js';

export const organisationKind = z.enum(['provider', 'customer']);

export const organisation = z.object({
  id,
  name: z.string(),
  kind: organisationKind,
  domains: z.array(z.string()).describe('mail domains whose unknown senders belong to this organisation'),
  active: z.boolean(),
  createdAt: instant,
  updatedAt: instant,
});
export type Organisation = z.infer<typeof organisation>;

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a domain name such as example.com',
  );

export const createOrganisation = z.strictObject({
  name: z.string().trim().min(1).max(200),
  domains: z.array(domain).max(50).default([]),
});
export const updateOrganisation = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  domains: z.array(domain).max(50).optional(),
  active: z.boolean().optional(),
});
export const organisationSort = z.enum(['name', '-name', 'createdAt', '-createdAt']);
export const listOrganisationsQuery = listQuery.extend({
  q: z.string().trim().max(200).optional(),
  kind: organisationKind.optional(),
  active: queryBoolean.optional(),
  sort: organisationSort.default('name'),
});
export const organisationPage = page(organisation);

export const user = z.object({
  id,
  organisationId: id,
  name: z.string(),
  email: z.string(),
  role,
  active: z.boolean(),
  invitationPending: z.boolean().describe('true until the user has set a password'),
  lastLoginAt: instant.nullable(),
  createdAt: instant,
  updatedAt: instant,
});
export type User = z.infer<typeof user>;

export const createUser = z.strictObject({
  organisationId: id,
  name: z.string().trim().min(1).max(200),
  email,
  role,
  password: newPassword.optional().describe('omit to send an invitation email instead'),
});
export const updateUser = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  email: email.optional(),
  role: role.optional(),
});
export const userSort = z.enum(['name', '-name', 'email', '-email', 'createdAt', '-createdAt']);
export const listUsersQuery = listQuery.extend({
  q: z.string().trim().max(200).optional(),
  organisationId: id.optional(),
  role: role.optional(),
  active: queryBoolean.optional(),
  sort: userSort.default('name'),
});
export const userPage = page(user);

export const teamMember = z.object({ id, name: z.string(), email: z.string() });
export const team = z.object({
  id,
  name: z.string(),
  tier,
  description: z.string(),
  roundRobin: z.boolean(),
  servedOrganisationIds: z.array(id),
  members: z.array(teamMember),
  active: z.boolean(),
  createdAt: instant,
  updatedAt: instant,
});
export type Team = z.infer<typeof team>;

export const createTeam = z.strictObject({
  name: z.string().trim().min(1).max(200),
  tier,
  description: z.string().max(2000).default(''),
  roundRobin: z.boolean().default(false),
  servedOrganisationIds: z.array(id).max(1000).default([]),
  memberIds: z.array(id).max(1000).default([]),
});
export const updateTeam = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  tier: tier.optional(),
  description: z.string().max(2000).optional(),
  roundRobin: z.boolean().optional(),
  servedOrganisationIds: z.array(id).max(1000).optional(),
  memberIds: z.array(id).max(1000).optional(),
  active: z.boolean().optional(),
});
export const teamSort = z.enum(['name', '-name', 'tier', '-tier']);
export const listTeamsQuery = listQuery.extend({
  q: z.string().trim().max(200).optional(),
  tier: tier.optional(),
  servesOrganisationId: id.optional(),
  memberId: id.optional(),
  sort: teamSort.default('name'),
});
export const teamPage = page(team);
