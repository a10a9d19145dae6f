export { DEFAULT_DELIVERY_SETTINGS, type DeliverySettings, webhookJobs } from './deliver.job.js';
export { WEBHOOK_DELIVER_TASK } from './scheduling.js';
export { signatureOf, verifySignature } from './signature.js';
export { webhookSubscriber } from './subscriber.js';
export { webhooksRoutes } from './webhooks.routes.js';
