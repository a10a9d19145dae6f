export { closeExpiredResolutions } from './lifecycle.service.js';
export { type TicketRouteDeps, ticketRoutes } from './tickets.routes.js';
export type { TicketDeps } from './tickets.service.js';
