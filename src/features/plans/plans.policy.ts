import type { Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';

/**
 * Who may do what with maintenance plans and tasks (within the organisations they can reach):
 * - admins and service managers define plans (create, edit, delete);
 * - staff (agents too) read plans and work tasks: edit, move, tick checklists, log time;
 * - customer managers read their organisation's plans and tasks (the proactive work they pay
 *   for, and its billable time), change nothing; requesters see no maintenance at all.
 */
export type MaintenanceAction = 'plan.read' | 'plan.write' | 'task.read' | 'task.work';

export function isStaff(actor: Actor): boolean {
  return (
    actor.role === 'admin' ||
    actor.role === 'service_manager' ||
    actor.role === 'agent' ||
    actor.kind === 'system'
  );
}

const reader = (actor: Actor) => isStaff(actor) || actor.role === 'customer_manager';

const RULES: Record<MaintenanceAction, (actor: Actor) => boolean> = {
  'plan.read': reader,
  'plan.write': (actor) =>
    actor.role === 'admin' || actor.role === 'service_manager' || actor.kind === 'system',
  'task.read': reader,
  'task.work': isStaff,
};

export function canDo(actor: Actor, action: MaintenanceAction): boolean {
  return RULES[action](actor);
}

export function authorizeMaintenance(actor: Actor, action: MaintenanceAction): void {
  if (canDo(actor, action)) return;
  const [entity, verb] = action.split('.') as [string, string];
  throw forbidden('maintenance.forbidden', `your role may not ${verb} maintenance ${entity}s`);
}
