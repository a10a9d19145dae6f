import {
  approverGroupRoutes,
  type ChangeDeps,
  type ChangeNoticePort,
  changeReportRoutes,
  changeRoutes,
  type MaintenanceWindowPort,
} from '../features/changes/index.js';
import { isInsideMaintenanceWindow, queueMaintenanceNotice } from '../features/maintenance/index.js';
import type { AppParts } from './parts.js';

/**
 * Changes ask maintenance windows whether a planned interval fits one occurrence of a window of
 * the environment (its own windows or the whole service's): the downtime rule.
 */
export const windowPort: MaintenanceWindowPort = {
  async isInside(executor, target, planned) {
    const found = await isInsideMaintenanceWindow(executor, {
      serviceId: target.serviceId,
      environmentId: target.environmentId,
      start: planned.start,
      end: planned.end,
    });
    return found !== null;
  },
};

/**
 * When a change with downtime is scheduled (or moved), its organisation's customer managers — and
 * the service's owners when it touches one service — get a notice with an .ics. One notice per
 * planned interval (the key); the event keeps one UID per change and its SEQUENCE follows the
 * change's version, so a calendar replaces the old time with the new one.
 */
export function changeNoticePort(publicUrl: string): ChangeNoticePort {
  const host = new URL(publicUrl).host || 'tend';
  return {
    async downtimeScheduled(executor, ctx, change, affected) {
      if (!change.plannedStart || !change.plannedEnd) return;
      const services = [...new Set(affected.map((entry) => entry.serviceId))];
      const start = change.plannedStart;
      const end = change.plannedEnd;
      await queueMaintenanceNotice(executor, {
        organisationId: change.organisationId,
        serviceId: services.length === 1 ? services[0]! : null,
        key: `change:${change.id}:${start.toISOString()}:${end.toISOString()}`,
        uid: `change-${change.id}@${host}`,
        sequence: change.version,
        subject: `Planned downtime: ${change.numberText} ${change.title}`,
        summary: `${change.numberText} ${change.title}`,
        description: `Change ${change.numberText} needs downtime. ${change.description}`,
        start,
        end,
        now: ctx.now,
      });
    },
  };
}

export function changeDeps(parts: AppParts): ChangeDeps {
  return {
    db: parts.database.db,
    windows: windowPort,
    notices: changeNoticePort(parts.config.http.publicUrl),
  };
}

export function changeRouteModules(parts: AppParts) {
  const deps = { ...changeDeps(parts), clock: parts.clock };
  return [changeReportRoutes(deps), changeRoutes(deps), approverGroupRoutes(deps)];
}
