export { type ImapConnector, type ImapSession, pollImapMailboxes } from './imap-poller.js';
export { inboundJobs } from './inbound.jobs.js';
export { type InboundRouteDeps, inboundRoutes } from './inbound.routes.js';
export { type InboundDeps, processPending } from './inbound.service.js';
export { type MailboxRouteDeps, mailboxRoutes } from './mailboxes.routes.js';
export { messageIdFor, type OutboundThreadSettings, ticketThreads } from './outbound-thread.js';
export { loadTls, type SmtpListener, startSmtpListener } from './smtp-listener.js';
export { isOurMessageId, outboundMessageId, ticketRootMessageId } from './threading.js';
