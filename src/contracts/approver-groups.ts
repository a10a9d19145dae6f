import { z } from 'zod';
import { approvalRule } from './changes.js';
import { id, instant, listQuery, page } from './common.js';

/** CABs: who approves change requests, for which organisation (or all) and optionally one service. */
export const approverGroup = z.object({
  id,
  name: z.string(),
  organisationId: id.nullable().describe('null: changes of every organisation'),
  serviceId: id.nullable().describe('null: every service of the organisation'),
  rule: z.enum(['quorum', 'all']),
  quorum: z.number().int().describe('with rule quorum: how many members must approve'),
  expedited: z.boolean().describe('an emergency CAB: one member’s approval suffices for emergency changes'),
  active: z.boolean(),
  memberIds: z.array(id),
  version: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
});
export type ApproverGroup = z.infer<typeof approverGroup>;

const name = z.string().trim().min(1).max(200);

export const createApproverGroup = z.strictObject({
  name,
  organisationId: id.nullable().default(null),
  serviceId: id.nullable().default(null),
  rule: approvalRule.default('quorum'),
  quorum: z.number().int().min(1).max(1000).default(1),
  expedited: z.boolean().default(false),
  memberIds: z.array(id).min(1).max(1000),
});

export const updateApproverGroup = z.strictObject({
  name: name.optional(),
  rule: approvalRule.optional(),
  quorum: z.number().int().min(1).max(1000).optional(),
  expedited: z.boolean().optional(),
  active: z.boolean().optional(),
  memberIds: z.array(id).min(1).max(1000).optional(),
});

export const listApproverGroupsQuery = listQuery.extend({
  organisationId: id.optional(),
  serviceId: id.optional(),
});
export const approverGroupPage = page(approverGroup);
