/**
 * Change requests (DOMAIN.md, Maintenance): the lifecycle per type, CAB approval rules, the
 * scheduling rules (downtime inside maintenance windows, conflicts) and the change KPIs. Pure.
 */
export * from './approvals.js';
export * from './kpis.js';
export * from './lifecycle.js';
export * from './numbers.js';
export * from './schedule.js';
