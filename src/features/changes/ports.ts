import type { Interval } from '../../core/changes/index.js';
import type { Db, Executor } from '../../db/client.js';
import type { Context } from '../../platform/actor.js';
import type { Affected, ChangeRow } from './changes.repo.js';

/**
 * What changes need from maintenance windows (another feature), filled in by the composition root:
 * whether a planned interval lies inside a window occurrence of one service environment.
 */
export interface MaintenanceWindowPort {
  isInside(executor: Executor, target: Affected, planned: Interval): Promise<boolean>;
}

/**
 * Telling customers about a change's downtime when it is scheduled (mail with an .ics), in the
 * caller's transaction. Idempotent per change and planned interval.
 */
export interface ChangeNoticePort {
  downtimeScheduled(
    executor: Executor,
    ctx: Context,
    change: ChangeRow & { numberText: string },
    affected: readonly Affected[],
  ): Promise<void>;
}

export interface ChangeDeps {
  db: Db;
  windows: MaintenanceWindowPort;
  notices?: ChangeNoticePort;
}
