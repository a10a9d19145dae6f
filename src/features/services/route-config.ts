import { errorBody } from '../../contracts/common.js';
import type { Db } from '../../db/client.js';
import { standardErrors } from '../../http/route-helpers.js';
import type { Clock } from '../../platform/clock.js';

export interface ServiceRouteDeps {
  db: Db;
  clock: Clock;
}

export const serviceErrors = {
  ...standardErrors,
  409: errorBody.describe('a name is taken, or the record is still in use'),
};
export const serviceTags = ['services'];
export const readers = { roles: 'any (own organisation’s services; staff by organisation scope)' };
export const managers = { roles: 'admin, service_manager' };
