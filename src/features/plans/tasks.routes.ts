import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, listQuery } from '../../contracts/common.js';
import {
  checklistParams,
  listTasksQuery,
  task,
  taskHistoryPage,
  taskPage,
  taskRefParams,
  taskTimeEntry,
  taskTimeEntryPage,
  toggleChecklistItem as toggleBody,
  transitionTask,
  updateTask,
} from '../../contracts/plans.js';
import { createTimeEntry, updateTimeEntry } from '../../contracts/ticket-time-entries.js';
import type { Db } from '../../db/client.js';
import { contextOf, created, idParams } from '../../http/route-helpers.js';
import type { Clock } from '../../platform/clock.js';
import { errors, versionFrom, withEtag } from './http.js';
import { changeTaskTime, deleteTaskTime, listTaskTime, logTaskTime } from './task-time.service.js';
import {
  changeTask,
  getTask,
  searchTasks,
  taskHistory,
  toggleChecklistItem,
  transitionMaintenanceTask,
} from './tasks.service.js';

const tags = ['maintenance'];
const readers = 'staff (their organisations); customer managers (their own)';
const workers = 'staff (admin, service manager, agent)';

export function taskRoutes(deps: { db: Db; clock: Clock }) {
  return (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);
    const params = taskRefParams;

    app.get(
      '/api/v1/maintenance/tasks',
      {
        config: { roles: readers },
        schema: {
          tags,
          summary: 'Maintenance tasks you can see, filtered (assigneeId=me, overdue=true…), by due time',
          querystring: listTasksQuery,
          response: { 200: taskPage, ...errors },
        },
      },
      async (request) => {
        const { limit, cursor, sort, ...filters } = request.query;
        return searchTasks(deps, ctx(request), filters, { limit, cursor, sort });
      },
    );
    app.get(
      '/api/v1/maintenance/tasks/:ref',
      {
        config: { roles: readers },
        schema: {
          tags,
          summary: 'One task (by id or number M-10001)',
          params,
          response: { 200: task, ...errors },
        },
      },
      async (request, reply) => withEtag(reply, await getTask(deps, ctx(request), request.params.ref)),
    );
    app.patch(
      '/api/v1/maintenance/tasks/:ref',
      {
        config: { roles: workers },
        schema: {
          tags,
          summary: 'Change title, due time, assignment or outcome notes (If-Match)',
          params,
          body: updateTask,
          response: { 200: task, ...errors, 428: errorBody },
        },
      },
      async (request, reply) =>
        withEtag(
          reply,
          await changeTask(deps, ctx(request), request.params.ref, versionFrom(request), request.body),
        ),
    );
    app.post(
      '/api/v1/maintenance/tasks/:ref/transition',
      {
        config: { roles: workers },
        schema: {
          tags,
          summary: 'Move to another state (done needs the required checklist items; skip/cancel a reason)',
          params,
          body: transitionTask,
          response: { 200: task, ...errors },
        },
      },
      async (request, reply) =>
        withEtag(
          reply,
          await transitionMaintenanceTask(deps, ctx(request), request.params.ref, request.body),
        ),
    );
    app.post(
      '/api/v1/maintenance/tasks/:ref/checklist/:itemId',
      {
        config: { roles: workers },
        schema: {
          tags,
          summary: 'Tick or untick a checklist item (who and when are recorded)',
          params: checklistParams,
          body: toggleBody,
          response: { 200: task, ...errors },
        },
      },
      async (request, reply) =>
        withEtag(
          reply,
          await toggleChecklistItem(
            deps,
            ctx(request),
            request.params.ref,
            request.params.itemId,
            request.body.done,
          ),
        ),
    );
    app.get(
      '/api/v1/maintenance/tasks/:ref/history',
      {
        config: { roles: readers },
        schema: {
          tags,
          summary: 'Everything that happened to the task, oldest first',
          params,
          querystring: listQuery,
          response: { 200: taskHistoryPage, ...errors },
        },
      },
      async (request) => taskHistory(deps, ctx(request), request.params.ref, request.query),
    );
    timeRoutes(app, deps, ctx);
  };
}

function timeRoutes(
  root: FastifyInstance,
  deps: { db: Db; clock: Clock },
  ctx: (request: FastifyRequest) => ReturnType<typeof contextOf>,
) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/maintenance/tasks/:ref/time-entries',
    {
      config: { roles: 'staff; customer managers: billable entries only' },
      schema: {
        tags,
        summary: 'Time logged on a task, oldest first, with totals',
        params: taskRefParams,
        querystring: listQuery,
        response: { 200: taskTimeEntryPage, ...errors },
      },
    },
    async (request) => listTaskTime(deps, ctx(request), request.params.ref, request.query),
  );
  app.post(
    '/api/v1/maintenance/tasks/:ref/time-entries',
    {
      config: { roles: workers },
      schema: {
        tags,
        summary: 'Log time on a task',
        params: taskRefParams,
        body: createTimeEntry,
        response: { 201: taskTimeEntry, ...errors },
      },
    },
    async (request, reply) =>
      created(reply, await logTaskTime(deps, ctx(request), request.params.ref, request.body)),
  );
  app.patch(
    '/api/v1/maintenance/time-entries/:id',
    {
      config: { roles: 'the author, or an admin' },
      schema: {
        tags,
        summary: 'Change a time entry on a task',
        params: idParams,
        body: updateTimeEntry,
        response: { 200: taskTimeEntry, ...errors },
      },
    },
    async (request) => changeTaskTime(deps, ctx(request), request.params.id, request.body),
  );
  app.delete(
    '/api/v1/maintenance/time-entries/:id',
    {
      config: { roles: 'the author, or an admin' },
      schema: {
        tags,
        summary: 'Delete a time entry on a task',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteTaskTime(deps, ctx(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
