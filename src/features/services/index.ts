export { findEnvironmentRow as findServiceEnvironment } from './parts.repo.js';
export { type EnvironmentRow, presentService, type ServiceRow } from './presenters.js';
export { canManageServices } from './services.policy.js';
export { findService, serviceBelongsTo } from './services.repo.js';
export { servicesRoutes } from './services.routes.js';
