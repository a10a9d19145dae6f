import type { Role } from '../../contracts/common.js';
import type { Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';

/**
 * Who may do what in the directory. Reaching another tenant's object is decided earlier, in the
 * repositories (it is simply not found); this table decides what a role may do with what it sees.
 */
export type DirectoryAction =
  | 'organisation.read'
  | 'organisation.write'
  | 'user.read'
  | 'user.create'
  | 'user.update'
  | 'user.change_role'
  | 'user.deactivate'
  | 'team.read'
  | 'team.write'
  | 'audit.read';

interface Target {
  organisationId?: string;
  userId?: string;
  role?: Role;
}

type Rule = (actor: Actor, target: Target) => boolean;

const isStaff = (actor: Actor) =>
  actor.role === 'admin' || actor.role === 'service_manager' || actor.role === 'agent';
const isAdmin = (actor: Actor) => actor.role === 'admin';
/** A customer manager looks after the requesters of their own organisation. */
const managesRequester = (actor: Actor, target: Target) =>
  actor.role === 'customer_manager' &&
  target.organisationId === actor.organisationId &&
  (target.role === undefined || target.role === 'requester');

const RULES: Record<DirectoryAction, Rule> = {
  'organisation.read': () => true,
  'organisation.write': isAdmin,
  'user.read': (actor, target) =>
    isStaff(actor) ||
    actor.role === 'customer_manager' ||
    (target.userId !== undefined && target.userId === actor.userId),
  'user.create': (actor, target) => isAdmin(actor) || managesRequester(actor, target),
  'user.update': (actor, target) =>
    isAdmin(actor) ||
    managesRequester(actor, target) ||
    (target.userId !== undefined && target.userId === actor.userId),
  'user.change_role': isAdmin,
  'user.deactivate': (actor, target) => isAdmin(actor) || managesRequester(actor, target),
  'team.read': isStaff,
  'team.write': isAdmin,
  'audit.read': isAdmin,
};

export function can(actor: Actor, action: DirectoryAction, target: Target = {}): boolean {
  return actor.role !== null && RULES[action](actor, target);
}

export function authorize(actor: Actor, action: DirectoryAction, target: Target = {}): void {
  if (actor.kind === 'system') return;
  if (!can(actor, action, target))
    throw forbidden(`${action.split('.')[0]}.forbidden`, `your role may not ${action.replace('.', ' ')}`);
}
