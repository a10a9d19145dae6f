import type { Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';

/**
 * Webhooks send any organisation's events to any URL, with a secret: administrators only (and
 * API tokens need the admin scope, which only administrators can grant).
 */
export type WebhookAction = 'webhook.read' | 'webhook.write';

export function authorize(actor: Actor, _action: WebhookAction): void {
  if (actor.kind === 'system') return;
  if (actor.role !== 'admin') throw forbidden('webhooks.forbidden', 'only administrators manage webhooks');
}
