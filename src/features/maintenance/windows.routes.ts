import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../../contracts/common.js';
import {
  addWindowException,
  createMaintenanceWindow,
  listMaintenanceWindowsQuery,
  maintenanceOccurrences,
  maintenanceOccurrencesQuery,
  maintenanceWindow,
  maintenanceWindowPage,
  updateMaintenanceWindow,
} from '../../contracts/maintenance-windows.js';
import type { Db } from '../../db/client.js';
import { contextOf, created, idParams, standardErrors } from '../../http/route-helpers.js';
import type { Clock } from '../../platform/clock.js';
import { validationError } from '../../platform/errors.js';
import { listMaintenanceOccurrences } from './occurrences.js';
import {
  addWindowExceptionFor,
  createWindowFor,
  deleteWindowFor,
  getWindowFor,
  listWindowsFor,
  updateWindowFor,
} from './windows.service.js';

export interface MaintenanceRouteDeps {
  db: Db;
  clock: Clock;
}

const tags = ['maintenance'];
const errors = { ...standardErrors, 409: errorBody };
const readers = { roles: 'any (windows of the organisations they reach)' };
const managers = { roles: 'admin, service_manager' };
const MAX_RANGE_MS = 400 * 86_400_000;

function readRoutes(app: FastifyInstance, deps: MaintenanceRouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);
  r.get(
    '/api/v1/maintenance/windows',
    {
      config: readers,
      schema: {
        tags,
        summary: 'Maintenance windows, newest first (an environment filter includes whole-service windows)',
        querystring: listMaintenanceWindowsQuery,
        response: { 200: maintenanceWindowPage, ...errors },
      },
    },
    async (request) => listWindowsFor(deps.db, ctx(request), request.query),
  );
  r.get(
    '/api/v1/maintenance/windows/:id',
    {
      config: readers,
      schema: {
        tags,
        summary: 'One maintenance window',
        params: idParams,
        response: { 200: maintenanceWindow, ...errors },
      },
    },
    async (request) => getWindowFor(deps.db, ctx(request), request.params.id),
  );
  r.get(
    '/api/v1/maintenance/occurrences',
    {
      config: readers,
      schema: {
        tags,
        summary: 'Occurrences of the windows you can see that overlap [from, until), by start',
        querystring: maintenanceOccurrencesQuery,
        response: { 200: maintenanceOccurrences, ...errors },
      },
    },
    async (request) => {
      const from = new Date(request.query.from);
      const until = new Date(request.query.until);
      if (until < from) throw validationError([{ path: 'query.until', message: 'must not be before from' }]);
      if (until.getTime() - from.getTime() > MAX_RANGE_MS)
        throw validationError([{ path: 'query.until', message: 'must be at most 400 days after from' }]);
      const { items, truncated } = await listMaintenanceOccurrences(deps.db, {
        ...request.query,
        from,
        until,
        scope: ctx(request).actor.organisations,
      });
      return {
        truncated,
        items: items.map((item) => ({
          ...item,
          start: item.start.toISOString(),
          end: item.end.toISOString(),
        })),
      };
    },
  );
}

function writeRoutes(app: FastifyInstance, deps: MaintenanceRouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);
  r.post(
    '/api/v1/maintenance/windows',
    {
      config: managers,
      schema: {
        tags,
        summary: 'Reserve a window: an RRULE on a local DTSTART in an IANA zone, or one window (no rrule)',
        body: createMaintenanceWindow,
        response: { 201: maintenanceWindow, ...errors },
      },
    },
    async (request, reply) => created(reply, await createWindowFor(deps.db, ctx(request), request.body)),
  );
  r.patch(
    '/api/v1/maintenance/windows/:id',
    {
      config: managers,
      schema: {
        tags,
        summary: 'Change a window (its iCalendar SEQUENCE goes up)',
        params: idParams,
        body: updateMaintenanceWindow,
        response: { 200: maintenanceWindow, ...errors },
      },
    },
    async (request) => updateWindowFor(deps.db, ctx(request), request.params.id, request.body),
  );
  r.post(
    '/api/v1/maintenance/windows/:id/exceptions',
    {
      config: managers,
      schema: {
        tags,
        summary: 'Skip a date or one occurrence',
        params: idParams,
        body: addWindowException,
        response: { 200: maintenanceWindow, ...errors },
      },
    },
    async (request) => addWindowExceptionFor(deps.db, ctx(request), request.params.id, request.body),
  );
  r.delete(
    '/api/v1/maintenance/windows/:id',
    {
      config: managers,
      schema: { tags, summary: 'Delete a window', params: idParams, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await deleteWindowFor(deps.db, ctx(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}

export function maintenanceWindowRoutes(deps: MaintenanceRouteDeps) {
  return (app: FastifyInstance) => {
    readRoutes(app, deps);
    writeRoutes(app, deps);
  };
}
