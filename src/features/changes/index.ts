export { approverGroupRoutes } from './approver-groups.routes.js';
export type { Affected, ChangeRow } from './changes.repo.js';
export { type ChangeRouteDeps, changeRoutes } from './changes.routes.js';
export type { ChangeDeps, ChangeNoticePort, MaintenanceWindowPort } from './ports.js';
export { changeReportRoutes } from './reports.routes.js';
