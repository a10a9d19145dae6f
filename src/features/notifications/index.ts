export { mailJobs, queueMail, SEND_MAIL_TASK } from './mail.jobs.js';
export { isLanguage, type Language, REPLY_MARKER } from './templates.js';
export { type TicketMailDeps, type TicketThread, ticketMailSubscriber } from './ticket-mail.js';
