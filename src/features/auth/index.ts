export { createAdministrator } from './admin.service.js';
export { type AuthRouteDeps, authRoutes } from './auth.routes.js';
export { createCallerResolver } from './caller.js';
export { startCallerCache } from './caller-cache.js';
export type { LoginPolicy } from './login.service.js';
export { deleteExpiredSessions } from './sessions.repo.js';
