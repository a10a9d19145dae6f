export { type DomainEvent, OUTBOX_DISPATCH_TASK, publishEvent } from './outbox.js';
export { type EventSubscriber, outboxJobs } from './dispatcher.js';
