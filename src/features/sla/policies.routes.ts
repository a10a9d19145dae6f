import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody } from '../../contracts/common.js';
import {
  createSlaPolicy,
  escalationMatrix,
  organisationPolicy,
  organisationPolicyList,
  putEscalationMatrix,
  slaExplanation,
  slaPolicy,
  slaPolicyList,
  updateSlaPolicy,
} from '../../contracts/sla.js';
import { ticketRefParams } from '../../contracts/tickets.js';
import type { Db } from '../../db/client.js';
import { contextOf, created, idParams, standardErrors } from '../../http/route-helpers.js';
import type { Clock } from '../../platform/clock.js';
import { requireStaff } from './calendars.service.js';
import { changeTicketPolicy, explainTicketSla } from './explain.service.js';
import { getMatrix, putMatrix } from './matrix.service.js';
import {
  createPolicy,
  listOrganisationPolicies,
  listPolicies,
  loadPolicy,
  presentPolicy,
  setOrganisationPolicy,
  updatePolicy,
} from './policies.service.js';

const errors = { ...standardErrors, 409: errorBody, 422: errorBody };

export function slaPolicyRoutes(deps: { db: Db; clock: Clock }) {
  return (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const tags = ['sla'];
    const ctx = (request: FastifyRequest) => contextOf(request, deps.clock);

    app.get(
      '/api/v1/sla/policies',
      {
        config: { roles: 'staff' },
        schema: { tags, summary: 'SLA policies', response: { 200: slaPolicyList, ...errors } },
      },
      async (request) => listPolicies(deps.db, ctx(request)),
    );
    app.post(
      '/api/v1/sla/policies',
      {
        config: { roles: 'admin, service_manager' },
        schema: {
          tags,
          summary: 'Create an SLA policy',
          body: createSlaPolicy,
          response: { 201: slaPolicy, ...errors },
        },
      },
      async (request, reply) => created(reply, await createPolicy(deps.db, ctx(request), request.body)),
    );
    app.get(
      '/api/v1/sla/policies/:id',
      {
        config: { roles: 'staff' },
        schema: {
          tags,
          summary: 'One SLA policy',
          params: idParams,
          response: { 200: slaPolicy, ...errors },
        },
      },
      async (request) => {
        requireStaff(ctx(request));
        return presentPolicy(await loadPolicy(deps.db, request.params.id));
      },
    );
    app.patch(
      '/api/v1/sla/policies/:id',
      {
        config: { roles: 'admin, service_manager' },
        schema: {
          tags,
          summary: 'Change a policy; open tickets under it are recomputed (pauses kept)',
          params: idParams,
          body: updateSlaPolicy,
          response: { 200: slaPolicy, ...errors },
        },
      },
      async (request) => updatePolicy(deps.db, ctx(request), request.params.id, request.body),
    );
    app.get(
      '/api/v1/sla/organisation-policies',
      {
        config: { roles: 'staff' },
        schema: {
          tags,
          summary: 'Organisations with a policy of their own (the rest use the default)',
          response: { 200: organisationPolicyList, ...errors },
        },
      },
      async (request) => listOrganisationPolicies(deps.db, ctx(request)),
    );
    app.put(
      '/api/v1/organisations/:id/sla-policy',
      {
        config: { roles: 'admin, service_manager' },
        schema: {
          tags,
          summary: 'The policy for this organisation’s new tickets (null: the default)',
          params: idParams,
          body: organisationPolicy,
          response: { 200: organisationPolicy, ...errors },
        },
      },
      async (request) =>
        setOrganisationPolicy(deps.db, ctx(request), request.params.id, request.body.policyId),
    );
    app.get(
      '/api/v1/tickets/:ref/sla',
      {
        schema: {
          tags,
          summary: 'Explain the ticket’s SLA: targets, states, due times, remaining time, timeline',
          params: ticketRefParams,
          response: { 200: slaExplanation, ...errors },
        },
      },
      async (request) => explainTicketSla(deps.db, ctx(request), request.params.ref),
    );
    app.put(
      '/api/v1/tickets/:ref/sla-policy',
      {
        config: { roles: 'admin, service_manager' },
        schema: {
          tags,
          summary: 'Run this ticket under another policy',
          params: ticketRefParams,
          body: organisationPolicy,
          response: { 200: slaExplanation, ...errors },
        },
      },
      async (request) => changeTicketPolicy(deps.db, ctx(request), request.params.ref, request.body.policyId),
    );
    app.get(
      '/api/v1/sla/escalation-matrix',
      {
        config: { roles: 'staff' },
        schema: {
          tags,
          summary: 'Escalation matrix: priority × threshold → notify, move to tier/team',
          response: { 200: escalationMatrix, ...errors },
        },
      },
      async (request) => getMatrix(deps.db, ctx(request)),
    );
    app.put(
      '/api/v1/sla/escalation-matrix',
      {
        config: { roles: 'admin, service_manager' },
        schema: {
          tags,
          summary: 'Replace the escalation matrix',
          body: putEscalationMatrix,
          response: { 200: escalationMatrix, ...errors },
        },
      },
      async (request) => putMatrix(deps.db, ctx(request), request.body),
    );
  };
}
