import { z } from 'zod';
import { APPROVAL_RULES } from '../core/changes/approvals.js';
import { CHANGE_KINDS, CHANGE_RISKS, CHANGE_STATES, CHANGE_TYPES } from '../core/changes/lifecycle.js';
import { LEVELS } from '../core/tickets/priority.js';
import { id, instant, listQuery, page, queryBoolean } from './common.js';

/** Change requests (DOMAIN.md, Maintenance): the record, its approvals, schedule and links. */
export const changeState = z.enum(CHANGE_STATES);
export const changeType = z.enum(CHANGE_TYPES);
export const changeKind = z.enum(CHANGE_KINDS);
export const changeRisk = z.enum(CHANGE_RISKS);
export const changeImpact = z.enum(LEVELS);
export const approvalRule = z.enum(APPROVAL_RULES);
export const changeLinkKind = z.enum(['raised_by', 'fixes', 'related']);

export const affectedEnvironment = z.strictObject({ serviceId: id, environmentId: id });

export const change = z.object({
  id,
  number: z.string().describe('human number, e.g. C-10234'),
  organisationId: id,
  type: changeType,
  kind: changeKind,
  title: z.string(),
  description: z.string(),
  risk: changeRisk,
  impact: changeImpact,
  implementationPlan: z.string(),
  backoutPlan: z.string(),
  testPlan: z.string(),
  requiresDowntime: z.boolean(),
  plannedStart: instant.nullable(),
  plannedEnd: instant.nullable(),
  actualStart: instant.nullable().describe('set when the change moves to in_progress'),
  actualEnd: instant.nullable().describe('set when it reaches an outcome (implemented, failed, rolled_back)'),
  state: changeState,
  requesterId: id,
  ownerId: id.nullable(),
  version: z.number().int().describe('send back as If-Match: "<version>" when changing the change'),
  affected: z.array(affectedEnvironment),
  submittedAt: instant.nullable(),
  approvedAt: instant.nullable(),
  scheduledAt: instant.nullable(),
  implementedAt: instant.nullable(),
  failedAt: instant.nullable(),
  rolledBackAt: instant.nullable(),
  closedAt: instant.nullable(),
  allowedTransitions: z
    .array(changeState)
    .describe('states the caller may move the change to now with POST …/transition'),
  createdAt: instant,
  updatedAt: instant,
});
export type Change = z.infer<typeof change>;

export const approvalDecision = z.object({
  approverId: id,
  approverName: z.string(),
  decision: z.enum(['approve', 'reject']),
  comment: z.string(),
  decidedAt: instant,
});

export const approvalStatus = z.object({
  outcome: z.enum(['pending', 'approved', 'rejected', 'not_required']),
  groups: z.array(
    z.object({
      groupId: id,
      name: z.string(),
      rule: approvalRule,
      expedited: z.boolean(),
      approvals: z.number().int(),
      needed: z.number().int(),
      satisfied: z.boolean(),
    }),
  ),
  customer: z.object({ required: z.boolean(), satisfied: z.boolean() }),
  decisions: z.array(approvalDecision),
  canDecide: z.boolean().describe('the caller may approve or reject now'),
});

export const windowCheck = z.object({
  required: z.boolean().describe('the change needs downtime, is not an emergency, and has a plan'),
  inside: z.boolean().nullable().describe('null when not required'),
  outsideEnvironmentIds: z.array(id),
});

export const changeConflict = z.object({
  changeIds: z.array(id),
  numbers: z.array(z.string()),
  serviceIds: z.array(id),
  overlapStart: instant,
  overlapEnd: instant,
});

export const changeHistoryEntry = z.object({
  fromState: changeState.nullable(),
  toState: changeState,
  actorId: id.nullable().describe('null: the system (a standard change’s automatic approval)'),
  at: instant,
  comment: z.string(),
});

export const changeLink = z.object({
  ticketId: id,
  ticketNumber: z.string(),
  ticketType: z.string(),
  subject: z.string(),
  kind: changeLinkKind,
  createdAt: instant,
});

export const changeDetail = change.extend({
  approval: approvalStatus,
  window: windowCheck,
  conflicts: z.array(changeConflict).describe('other changes overlapping it in time on a common service'),
  history: z.array(changeHistoryEntry),
  links: z.array(changeLink),
});
export type ChangeDetail = z.infer<typeof changeDetail>;

const title = z.string().trim().min(1).max(300);
const longText = z.string().trim().max(100_000);

const changeFields = {
  title,
  description: longText.min(1),
  kind: changeKind,
  risk: changeRisk,
  impact: changeImpact,
  implementationPlan: longText,
  backoutPlan: longText,
  testPlan: longText,
  requiresDowntime: z.boolean(),
  plannedStart: instant.nullable(),
  plannedEnd: instant.nullable(),
  ownerId: id.nullable(),
  affected: z.array(affectedEnvironment).max(100),
};

export const createChange = z.strictObject({
  organisationId: id.describe('the customer organisation whose services change'),
  type: changeType.default('normal'),
  ...changeFields,
  risk: changeRisk.default('medium'),
  impact: changeImpact.default('medium'),
  implementationPlan: longText.default(''),
  backoutPlan: longText.default(''),
  testPlan: longText.default(''),
  requiresDowntime: z.boolean().default(false),
  plannedStart: instant.optional(),
  plannedEnd: instant.optional(),
  ownerId: id.optional(),
  affected: changeFields.affected.default([]),
});

export const updateChange = z.strictObject({
  type: changeType.optional().describe('only while a draft'),
  title: changeFields.title.optional(),
  description: changeFields.description.optional(),
  kind: changeFields.kind.optional(),
  risk: changeFields.risk.optional(),
  impact: changeFields.impact.optional(),
  implementationPlan: changeFields.implementationPlan.optional(),
  backoutPlan: changeFields.backoutPlan.optional(),
  testPlan: changeFields.testPlan.optional(),
  requiresDowntime: changeFields.requiresDowntime.optional(),
  plannedStart: changeFields.plannedStart.optional(),
  plannedEnd: changeFields.plannedEnd.optional(),
  ownerId: changeFields.ownerId.optional(),
  affected: changeFields.affected.optional(),
});

export const transitionChange = z.strictObject({
  state: changeState,
  comment: z.string().trim().max(5000).optional(),
  plannedStart: instant.optional().describe('when scheduling: the planned start (else the one set before)'),
  plannedEnd: instant.optional(),
});

export const decideChange = z.strictObject({
  comment: z.string().trim().max(5000).optional().describe('required to reject'),
});

export const linkChange = z.strictObject({
  ticket: z.string().trim().min(1).max(64).describe('ticket id or number (T-10234)'),
  kind: changeLinkKind.default('related'),
});

export const changeRefParams = z.strictObject({
  ref: z.string().trim().min(1).max(64).describe('change id or number (C-10234)'),
});
export const changeLinkParams = changeRefParams.extend({ ticketId: id });

/** A comma-separated list in a query string: `?state=draft,submitted`. */
const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .max(2000)
    .transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1));

export const changeSort = z.enum([
  'updatedAt',
  '-updatedAt',
  'createdAt',
  '-createdAt',
  'number',
  '-number',
  'plannedStart',
  '-plannedStart',
]);
export type ChangeSort = z.infer<typeof changeSort>;

export const changeFilters = z.strictObject({
  state: csv(changeState).optional(),
  type: csv(changeType).optional(),
  kind: csv(changeKind).optional(),
  risk: csv(changeRisk).optional(),
  organisationId: id.optional(),
  serviceId: id.optional(),
  requiresDowntime: queryBoolean.optional(),
  q: z.string().trim().max(200).optional().describe('words in title/description, or a change number'),
  plannedFrom: instant.optional().describe('planned to end after this instant'),
  plannedUntil: instant.optional().describe('planned to start before this instant'),
});
export type ChangeFilters = z.infer<typeof changeFilters>;

export const listChangesQuery = listQuery.extend({
  ...changeFilters.shape,
  sort: changeSort.default('-updatedAt'),
});
export const changePage = page(change);
