export { type AttachmentRouteDeps, attachmentRoutes } from './attachments.routes.js';
export { type AttachmentDeps, uploadAttachment } from './attachments.service.js';
export { bulkRoutes } from './bulk.routes.js';
export { addMessage, type NewMessage } from './conversation.service.js';
export { openTicket } from './create.service.js';
export { csatRoutes } from './csat.routes.js';
export { closeExpiredResolutions, moveTierOf } from './lifecycle.service.js';
export { type LinkRouteDeps, linkRoutes } from './links.routes.js';
export type { TicketRow } from './presenters.js';
export { priorityMatrixRoutes } from './priority-matrix.routes.js';
export { type TicketRouteDeps, ticketRoutes } from './tickets.routes.js';
export {
  type CreateWrites,
  changeTicket,
  type HookResult,
  loadTicket,
  type TicketDeps,
  type TicketHooks,
} from './tickets.service.js';
export { timeEntryRoutes } from './time-entries.routes.js';
export { savedViewRoutes } from './views.routes.js';
export { type WatcherRouteDeps, watcherRoutes } from './watchers.routes.js';
