export { type EventSubscriber, outboxJobs } from './dispatcher.js';
export { LIVE_CHANNEL, LIVE_MAX_WATCHERS, liveNoticeJson } from './live-notice.js';
export {
  type DomainEvent,
  eventInsert,
  eventsCommitted,
  OUTBOX_DISPATCH_TASK,
  publishEvent,
} from './outbox.js';
