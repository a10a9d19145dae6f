export { type DeliverySettings, webhookJobs } from './deliver.job.js';
export { WEBHOOK_DELIVER_TASK, WEBHOOK_SWEEP_TASK } from './scheduling.js';
export { signatureOf, verifySignature } from './signature.js';
export { webhookSubscriber } from './subscriber.js';
export { webhooksRoutes } from './webhooks.routes.js';
