import type { Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';
import { canManageServices } from '../services/index.js';

/**
 * Windows are published to customers, so everyone reads those of the organisations they reach;
 * the people who keep the service registry (administrators, service managers) keep windows and
 * calendar feeds too. Customer managers may also make feeds for their own organisation, to
 * subscribe their calendars.
 */
export function authorizeWindowWrite(actor: Actor): void {
  if (!canManageServices(actor))
    throw forbidden(
      'maintenance.forbidden',
      'only administrators and service managers manage maintenance windows',
    );
}

export function authorizeFeedWrite(actor: Actor, organisationId: string): void {
  if (canManageServices(actor)) return;
  if (actor.role === 'customer_manager' && actor.organisationId === organisationId) return;
  throw forbidden('maintenance.forbidden', 'you may not manage calendar feeds of this organisation');
}
