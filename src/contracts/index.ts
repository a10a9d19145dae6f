export * from './audit.js';
export * from './auth.js';
export * from './common.js';
export * from './directory.js';
export * from './maintenance.js';
export * from './sla.js';
export * from './tickets.js';
export * from './webhooks.js';
