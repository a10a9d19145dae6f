import type { SQL } from 'drizzle-orm';
import { changeRequests } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { organisationScopeCondition } from '../directory/index.js';

/**
 * Which change requests an actor reaches: by organisation scope (staff per their teams, customers
 * their own organisation's). Every change query carries this condition.
 */
export function changeVisibility(actor: Actor): SQL | undefined {
  return organisationScopeCondition(actor.organisations, changeRequests.organisationId);
}
