export * from './timers.js';
