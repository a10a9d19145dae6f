import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../../contracts/common.js';
import {
  calendar,
  calendarPage,
  createCalendar,
  holidayImportResult,
  listCalendarsQuery,
  slaPreview,
  slaPreviewResult,
  updateCalendar,
} from '../../contracts/sla.js';
import type { Db, Executor } from '../../db/client.js';
import { contextOf, created, idParams, standardErrors } from '../../http/route-helpers.js';
import type { Clock } from '../../platform/clock.js';
import { validationError } from '../../platform/errors.js';
import {
  calendarInputOf,
  createBusinessCalendar,
  importHolidays,
  listCalendars,
  loadCalendar,
  presentCalendar,
  requireStaff,
  updateBusinessCalendar,
} from './calendars.service.js';
import { previewDue } from './preview.service.js';

export interface SlaRouteDeps {
  db: Db;
  clock: Clock;
  /** Queue, in the edit's transaction, the recomputation of open tickets after a calendar change. */
  recomputeForCalendar: (tx: Executor, calendarId: string) => Promise<void>;
}

const errors = { ...standardErrors, 409: errorBody, 422: errorBody };

export function calendarRoutes(deps: SlaRouteDeps) {
  return (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const tags = ['sla'];
    const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);

    app.post(
      '/api/v1/sla/preview',
      {
        config: { roles: 'staff', scope: 'read' },
        schema: {
          tags,
          summary: 'Due time of start + N business minutes (minus pauses); business seconds to `end`',
          body: slaPreview,
          response: { 200: slaPreviewResult, ...errors },
        },
      },
      async (request) => {
        requireStaff(ctx(request));
        const { calendar: inline, calendarId, ...rest } = request.body;
        if ((inline === undefined) === (calendarId === undefined)) {
          throw validationError([{ path: 'body.calendar', message: 'give either calendar or calendarId' }]);
        }
        const calendarInput = calendarId ? calendarInputOf(await loadCalendar(deps.db, calendarId)) : inline;
        return previewDue({ ...rest, calendar: calendarInput });
      },
    );

    app.get(
      '/api/v1/calendars',
      {
        config: { roles: 'staff' },
        schema: {
          tags,
          summary: 'Business calendars',
          querystring: listCalendarsQuery,
          response: { 200: calendarPage, ...errors },
        },
      },
      async (request) => listCalendars(deps.db, ctx(request), request.query),
    );
    app.post(
      '/api/v1/calendars',
      {
        config: { roles: 'admin, service_manager' },
        schema: {
          tags,
          summary: 'Create a calendar (from a preset or explicit hours)',
          body: createCalendar,
          response: { 201: calendar, ...errors },
        },
      },
      async (request, reply) =>
        created(reply, await createBusinessCalendar(deps.db, ctx(request), request.body)),
    );
    app.get(
      '/api/v1/calendars/:id',
      {
        config: { roles: 'staff' },
        schema: { tags, summary: 'One calendar', params: idParams, response: { 200: calendar, ...errors } },
      },
      async (request) => {
        requireStaff(ctx(request));
        return presentCalendar(await loadCalendar(deps.db, request.params.id));
      },
    );
    app.patch(
      '/api/v1/calendars/:id',
      {
        config: { roles: 'admin, service_manager' },
        schema: {
          tags,
          summary: 'Change a calendar; open tickets’ due times are recomputed',
          params: idParams,
          body: updateCalendar,
          response: { 200: calendar, ...errors },
        },
      },
      async (request) =>
        updateBusinessCalendar(
          deps.db,
          ctx(request),
          request.params.id,
          request.body,
          deps.recomputeForCalendar,
        ),
    );

    app.register(async (scope) => {
      // The body is the .ics file itself.
      scope.addContentTypeParser(
        ['text/calendar', 'text/plain', 'application/octet-stream'],
        { parseAs: 'string', bodyLimit: 5 * 1024 * 1024 },
        (_request, body, done) => done(null, body),
      );
      scope.withTypeProvider<ZodTypeProvider>().post(
        '/api/v1/calendars/:id/holidays/import',
        {
          config: { roles: 'admin, service_manager' },
          schema: {
            tags,
            summary: 'Add the dates of an iCalendar (.ics) holiday feed; body: the file (text/calendar)',
            params: idParams,
            body: z.string().min(1),
            response: { 200: holidayImportResult, ...errors },
          },
        },
        async (request) =>
          importHolidays(deps.db, ctx(request), request.params.id, request.body, deps.recomputeForCalendar),
      );
    });
  };
}
