import type { Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';

/**
 * Channels are set up by administrators (DOMAIN.md); the record of received mail holds any
 * organisation's messages, raw, so it is theirs too. Mail itself is delivered with an API token
 * carrying the email:inbound scope, which only administrators can grant.
 */
export type ChannelAction =
  | 'mailbox.read'
  | 'mailbox.write'
  | 'inbound.read'
  | 'inbound.reprocess'
  | 'inbound.deliver';

export function authorizeChannel(actor: Actor, action: ChannelAction): void {
  if (actor.kind === 'system') return;
  if (actor.role !== 'admin')
    throw forbidden('channels.forbidden', `only administrators may ${action.replace('.', ' ')}`);
}
