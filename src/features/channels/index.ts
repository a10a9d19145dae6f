export { inboundJobs } from './inbound.jobs.js';
export { messageIdsOfTicket } from './inbound.repo.js';
export { type InboundRouteDeps, inboundRoutes } from './inbound.routes.js';
export { type InboundDeps, processPending } from './inbound.service.js';
export { type MailboxRouteDeps, mailboxRoutes } from './mailboxes.routes.js';
export { loadTls, type SmtpListener, startSmtpListener } from './smtp-listener.js';
export { isOurMessageId, outboundMessageId, ticketRootMessageId } from './threading.js';
export { REPLY_MARKER } from './visible.js';
