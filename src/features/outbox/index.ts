export { type EventSubscriber, outboxJobs } from './dispatcher.js';
export { type DomainEvent, OUTBOX_DISPATCH_TASK, publishEvent } from './outbox.js';
