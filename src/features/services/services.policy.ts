import type { Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';

/**
 * Everyone signed in reads the services of the organisations they reach (customers their own,
 * read-only); the registry is kept by administrators and service managers. Which organisations an
 * actor reaches is decided in the repository (another tenant's service is simply not found).
 */
export type ServiceAction = 'service.read' | 'service.write';

export function canManageServices(actor: Actor): boolean {
  return actor.kind === 'system' || actor.role === 'admin' || actor.role === 'service_manager';
}

export function authorizeService(actor: Actor, action: ServiceAction): void {
  if (action === 'service.read') return;
  if (!canManageServices(actor))
    throw forbidden('services.forbidden', 'only administrators and service managers manage services');
}
