import type { Db } from '../../src/db/client.js';
import { maintenanceWindows, serviceEnvironments, services } from '../../src/db/schema/index.js';
import { uuidv7 } from '../../src/platform/ids.js';
import type { TestServer } from './app.js';
import { type Caller, call } from './http.js';

let sequence = 0;

/** A service of `organisationId` with a production and a staging environment. */
export async function givenService(
  db: Db,
  organisationId: string,
  options: { requiresCustomerApproval?: boolean } = {},
) {
  const now = new Date();
  const serviceId = uuidv7();
  await db.insert(services).values({
    id: serviceId,
    organisationId,
    name: `Service ${++sequence}`,
    requiresCustomerApproval: options.requiresCustomerApproval ?? false,
    createdAt: now,
    updatedAt: now,
  });
  const environment = async (name: string, kind: 'production' | 'staging') => {
    const id = uuidv7();
    await db
      .insert(serviceEnvironments)
      .values({ id, serviceId, name, kind, createdAt: now, updatedAt: now });
    return id;
  };
  return {
    serviceId,
    prodId: await environment('Production', 'production'),
    stagingId: await environment('Staging', 'staging'),
  };
}

/** A maintenance window (recurring when `rrule` is given) of a service, or of one of its environments. */
export async function givenWindow(
  db: Db,
  window: {
    organisationId: string;
    serviceId: string;
    environmentId: string | null;
    rrule: string | null;
    dtstart: string;
    timezone: string;
    durationMinutes: number;
  },
) {
  const now = new Date();
  await db
    .insert(maintenanceWindows)
    .values({ id: uuidv7(), title: 'Window', ...window, createdAt: now, updatedAt: now });
}

/** The plans every submittable change needs. */
export const PLANS = {
  implementationPlan: 'deploy 2.1',
  backoutPlan: 'redeploy 2.0',
  testPlan: 'smoke tests',
};

export function changesApi(server: TestServer) {
  const api = {
    create: (caller: Caller, body: Record<string, unknown>) =>
      call(server.app, caller, 'POST', '/api/v1/changes', body),
    get: (caller: Caller, ref: string) => call(server.app, caller, 'GET', `/api/v1/changes/${ref}`),
    move: (caller: Caller, ref: string, state: string, extra: Record<string, unknown> = {}) =>
      call(server.app, caller, 'POST', `/api/v1/changes/${ref}/transition`, { state, ...extra }),
    approve: (caller: Caller, ref: string, comment?: string) =>
      call(server.app, caller, 'POST', `/api/v1/changes/${ref}/approve`, comment ? { comment } : {}),
    reject: (caller: Caller, ref: string, comment?: string) =>
      call(server.app, caller, 'POST', `/api/v1/changes/${ref}/reject`, comment ? { comment } : {}),
    patch: (caller: Caller, ref: string, version: number | null, body: Record<string, unknown>) =>
      call(
        server.app,
        caller,
        'PATCH',
        `/api/v1/changes/${ref}`,
        body,
        version === null ? {} : { 'if-match': `"${version}"` },
      ),
    group: (caller: Caller, body: Record<string, unknown>) =>
      call(server.app, caller, 'POST', '/api/v1/approver-groups', body),
  };
  return api;
}

/** Create a change and check it worked; returns its detail. */
export async function givenChange(server: TestServer, caller: Caller, body: Record<string, unknown>) {
  const response = await changesApi(server).create(caller, { ...PLANS, ...body });
  if (response.status !== 201)
    throw new Error(`change not created: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}
