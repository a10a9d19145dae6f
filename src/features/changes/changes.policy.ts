import type { Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';

/**
 * Who may do what with change requests they can see (tenant scope is the repo's job: another
 * organisation's change is simply not found). Staff raise and run changes; customers read their
 * organisation's; approving is decided per change by the approval rules (approvals.service.ts);
 * approver groups are managed by admins and service managers.
 */
export type ChangeAction = 'change.write' | 'change.reports' | 'groups.read' | 'groups.manage';

export function isStaff(actor: Actor): boolean {
  return (
    actor.role === 'admin' ||
    actor.role === 'service_manager' ||
    actor.role === 'agent' ||
    actor.kind === 'system'
  );
}

const isManager = (actor: Actor) =>
  actor.role === 'admin' || actor.role === 'service_manager' || actor.kind === 'system';

const RULES: Record<ChangeAction, (actor: Actor) => boolean> = {
  'change.write': isStaff,
  // The backlog and KPIs: staff, and customer managers for their organisation (DOMAIN.md roles).
  'change.reports': (actor) => isStaff(actor) || actor.role === 'customer_manager',
  'groups.read': isStaff,
  'groups.manage': isManager,
};

const WHAT: Record<ChangeAction, string> = {
  'change.write': 'raise or work change requests',
  'change.reports': 'see change reports',
  'groups.read': 'see approver groups',
  'groups.manage': 'manage approver groups',
};

export function canDoChange(actor: Actor, action: ChangeAction): boolean {
  return RULES[action](actor);
}

export function authorizeChange(actor: Actor, action: ChangeAction): void {
  if (!canDoChange(actor, action)) throw forbidden('changes.forbidden', `your role may not ${WHAT[action]}`);
}
