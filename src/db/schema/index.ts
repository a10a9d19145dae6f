export * from './auth.js';
export * from './channels.js';
export * from './directory.js';
export * from './events.js';
export * from './services.js';
export * from './sla.js';
export * from './tickets.js';
export * from './webhooks.js';
