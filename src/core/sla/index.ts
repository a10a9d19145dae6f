export * from './countdown.js';
export * from './timers.js';
