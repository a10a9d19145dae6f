export { calendarFeedRoutes } from './feeds.routes.js';
export { maintenanceRoutes } from './maintenance.routes.js';
export { MAINTENANCE_NOTICES_TASK, maintenanceJobs, scanMaintenanceNotices } from './notices.jobs.js';
export { type MaintenanceNotice, queueMaintenanceNotice } from './notices.js';
export {
  isInsideMaintenanceWindow,
  listMaintenanceOccurrences,
  type WindowOccurrence,
} from './occurrences.js';
export { maintenanceWindowRoutes } from './windows.routes.js';
