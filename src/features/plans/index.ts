export { type BacklogFilter, type MaintenanceBacklog, maintenanceBacklogAt } from './backlog.js';
export { type GenerationDeps, generateDueTasks, generateForPlan } from './generation.js';
export { GENERATE_DUE_TASK, planJobs } from './plans.jobs.js';
export { planRoutes } from './plans.routes.js';
export { GENERATE_PLAN_TASK } from './plans.service.js';
export { taskRoutes } from './tasks.routes.js';
