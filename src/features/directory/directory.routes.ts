import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody } from '../../contracts/common.js';
import {
  createOrganisation,
  createTeam,
  createUser,
  listOrganisationsQuery,
  listTeamsQuery,
  listUsersQuery,
  organisation,
  organisationPage,
  team,
  teamPage,
  updateOrganisation,
  updateTeam,
  updateUser,
  user,
  userPage,
} from '../../contracts/directory.js';
import type { Db } from '../../db/client.js';
import { contextOf, created, idParams, standardErrors } from '../../http/route-helpers.js';
import type { Clock } from '../../platform/clock.js';
import { authorize } from './directory.policy.js';
import {
  createCustomerOrganisation,
  getOrganisation,
  listVisibleOrganisations,
  updateOrganisationDetails,
} from './organisations.service.js';
import { presentUser } from './presenters.js';
import { createTeamWithMembers, getTeam, listVisibleTeams, updateTeamDetails } from './teams.service.js';
import { listUsers } from './users.repo.js';
import { createUserAccount, getUser, setUserActive, updateUserAccount } from './users.service.js';

export interface DirectoryRouteDeps {
  db: Db;
  clock: Clock;
  publicUrl: string;
}

const errors = { ...standardErrors, 409: errorBody.describe('conflicts with existing data') };

function organisationRoutes(app: FastifyInstance, deps: DirectoryRouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['organisations'];
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps.clock);
  r.get(
    '/api/v1/organisations',
    {
      config: { roles: 'any (scoped)' },
      schema: {
        tags,
        summary: 'Organisations you can see',
        querystring: listOrganisationsQuery,
        response: { 200: organisationPage, ...errors },
      },
    },
    async (request) => listVisibleOrganisations(deps.db, ctx(request), request.query),
  );
  r.post(
    '/api/v1/organisations',
    {
      config: { roles: 'admin' },
      schema: {
        tags,
        summary: 'Create a customer organisation',
        body: createOrganisation,
        response: { 201: organisation, ...errors },
      },
    },
    async (request, reply) =>
      created(reply, await createCustomerOrganisation(deps.db, ctx(request), request.body)),
  );
  r.get(
    '/api/v1/organisations/:id',
    {
      config: { roles: 'any (scoped)' },
      schema: {
        tags,
        summary: 'One organisation',
        params: idParams,
        response: { 200: organisation, ...errors },
      },
    },
    async (request) => getOrganisation(deps.db, ctx(request), request.params.id),
  );
  r.patch(
    '/api/v1/organisations/:id',
    {
      config: { roles: 'admin' },
      schema: {
        tags,
        summary: 'Rename, set domains, (de)activate',
        params: idParams,
        body: updateOrganisation,
        response: { 200: organisation, ...errors },
      },
    },
    async (request) => updateOrganisationDetails(deps.db, ctx(request), request.params.id, request.body),
  );
}

function userRoutes(app: FastifyInstance, deps: DirectoryRouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  const usersDeps = { db: deps.db, publicUrl: deps.publicUrl };
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps.clock);
  r.get(
    '/api/v1/users',
    {
      config: { roles: 'staff; customer_manager (own org); requester (self)' },
      schema: {
        tags,
        summary: 'Users you can see',
        querystring: listUsersQuery,
        response: { 200: userPage, ...errors },
      },
    },
    async (request) => {
      const context = ctx(request);
      authorize(context.actor, 'user.read', { userId: context.actor.userId ?? undefined });
      const page = await listUsers(deps.db, context.actor, request.query);
      return { items: page.items.map(presentUser), nextCursor: page.nextCursor };
    },
  );
  r.post(
    '/api/v1/users',
    {
      config: { roles: 'admin; customer_manager (requesters of own org)' },
      schema: {
        tags,
        summary: 'Create a user, or invite one (no password: an invitation email)',
        body: createUser,
        response: { 201: user, ...errors },
      },
    },
    async (request, reply) => created(reply, await createUserAccount(usersDeps, ctx(request), request.body)),
  );
  r.get(
    '/api/v1/users/:id',
    { schema: { tags, summary: 'One user', params: idParams, response: { 200: user, ...errors } } },
    async (request) => getUser(usersDeps, ctx(request), request.params.id),
  );
  r.patch(
    '/api/v1/users/:id',
    {
      config: { roles: 'admin; customer_manager (requesters); self (name)' },
      schema: {
        tags,
        summary: 'Change name, email or role',
        params: idParams,
        body: updateUser,
        response: { 200: user, ...errors },
      },
    },
    async (request) => updateUserAccount(usersDeps, ctx(request), request.params.id, request.body),
  );
  r.post(
    '/api/v1/users/:id/deactivate',
    {
      config: { roles: 'admin; customer_manager (requesters)' },
      schema: {
        tags,
        summary: 'Deactivate (sessions and tokens stop working)',
        params: idParams,
        response: { 200: user, ...errors },
      },
    },
    async (request) => setUserActive(usersDeps, ctx(request), request.params.id, false),
  );
  r.post(
    '/api/v1/users/:id/reactivate',
    {
      config: { roles: 'admin; customer_manager (requesters)' },
      schema: { tags, summary: 'Reactivate', params: idParams, response: { 200: user, ...errors } },
    },
    async (request) => setUserActive(usersDeps, ctx(request), request.params.id, true),
  );
}

function teamRoutes(app: FastifyInstance, deps: DirectoryRouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['teams'];
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps.clock);
  r.get(
    '/api/v1/teams',
    {
      config: { roles: 'staff' },
      schema: { tags, summary: 'Teams', querystring: listTeamsQuery, response: { 200: teamPage, ...errors } },
    },
    async (request) => listVisibleTeams(deps.db, ctx(request), request.query),
  );
  r.post(
    '/api/v1/teams',
    {
      config: { roles: 'admin' },
      schema: { tags, summary: 'Create a team', body: createTeam, response: { 201: team, ...errors } },
    },
    async (request, reply) =>
      created(reply, await createTeamWithMembers(deps.db, ctx(request), request.body)),
  );
  r.get(
    '/api/v1/teams/:id',
    {
      config: { roles: 'staff' },
      schema: { tags, summary: 'One team', params: idParams, response: { 200: team, ...errors } },
    },
    async (request) => getTeam(deps.db, ctx(request), request.params.id),
  );
  r.patch(
    '/api/v1/teams/:id',
    {
      config: { roles: 'admin' },
      schema: {
        tags,
        summary: 'Change a team, its served organisations and members',
        params: idParams,
        body: updateTeam,
        response: { 200: team, ...errors },
      },
    },
    async (request) => updateTeamDetails(deps.db, ctx(request), request.params.id, request.body),
  );
}

export function directoryRoutes(deps: DirectoryRouteDeps) {
  return (app: FastifyInstance) => {
    organisationRoutes(app, deps);
    userRoutes(app, deps);
    teamRoutes(app, deps);
  };
}
