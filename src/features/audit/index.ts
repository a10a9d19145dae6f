export { type AuditRecord, auditInsert, listAudit, recordAudit } from './audit.repo.js';
export { auditRoutes } from './audit.routes.js';
