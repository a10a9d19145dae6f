export { LiveHub } from './hub.js';
export { type LiveRouteDeps, liveRoutes } from './live.routes.js';
