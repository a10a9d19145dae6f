export { maintenanceRoutes } from './maintenance.routes.js';
