import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  changeCalendar as calendarBody,
  changeBacklog,
  changeBacklogQuery,
  changeCalendarQuery,
  changeKpis,
  changeKpisQuery,
} from '../../contracts/change-reports.js';
import { contextOf, standardErrors } from '../../http/route-helpers.js';
import type { ChangeRouteDeps } from './changes.routes.js';
import { changeBacklogReport, changeCalendar, changeKpiReport } from './reports.service.js';

export function changeReportRoutes(deps: ChangeRouteDeps) {
  return (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const tags = ['changes'];
    const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);
    app.get(
      '/api/v1/changes/calendar',
      {
        config: { roles: 'anyone, for the changes they can see' },
        schema: {
          tags,
          summary:
            'Changes planned in [from, until), whether each downtime change is inside a window, and conflicts',
          querystring: changeCalendarQuery,
          response: { 200: calendarBody, ...standardErrors },
        },
      },
      async (request) => changeCalendar(deps, ctx(request), request.query),
    );
    app.get(
      '/api/v1/changes/backlog',
      {
        config: { roles: 'staff; customer managers for their organisation' },
        schema: {
          tags,
          summary: 'Open change requests by state and age, and open maintenance tasks, at a point in time',
          querystring: changeBacklogQuery,
          response: { 200: changeBacklog, ...standardErrors },
        },
      },
      async (request) => changeBacklogReport(deps, ctx(request), request.query),
    );
    app.get(
      '/api/v1/changes/kpis',
      {
        config: { roles: 'staff; customer managers for their organisation' },
        schema: {
          tags,
          summary:
            'Changes delivered, urgent changes, time to introduce a change (median, p90), change failure rate (DOMAIN.md)',
          querystring: changeKpisQuery,
          response: { 200: changeKpis, ...standardErrors },
        },
      },
      async (request) => changeKpiReport(deps, ctx(request), request.query),
    );
  };
}
