export * from './lifecycle.js';
export * from './numbers.js';
export * from './priority.js';
export * from './tiers.js';
