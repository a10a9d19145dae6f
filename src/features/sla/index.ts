export { calendarRoutes } from './calendars.routes.js';
export { type EscalateInTransaction, fireDueChecks } from './checks.js';
export { type NewTicketSla, recomputeTicket, recomputeTickets } from './engine.js';
export {
  slaForNewTicket,
  slaOnPriorityChanged,
  slaOnReply,
  slaOnStatusChanged,
} from './hooks.js';
export { slaPolicyRoutes } from './policies.routes.js';
export { recomputeForCalendar, slaJobs } from './sla.jobs.js';
export { policyKeyForOrganisation } from './sla.repo.js';
