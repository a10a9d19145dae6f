import type { TestServer } from './app.js';
import { type Caller, call } from './http.js';

/** A weekly Sunday 02:00 Berlin plan (the window example), 14 days ahead, with a two-item checklist. */
export function planBody(serviceId: string, changes: Record<string, unknown> = {}) {
  return {
    serviceId,
    title: 'Backup restore test',
    category: 'backup_restore_test',
    rrule: 'FREQ=WEEKLY;BYDAY=SU',
    dtstart: '2026-01-04T02:00:00',
    timezone: 'Europe/Berlin',
    generateAheadDays: 14,
    checklist: [
      { text: 'Restore last night’s backup to staging', required: true },
      { text: 'Note the restore time', required: false },
    ],
    ...changes,
  };
}

/** The maintenance API as a test uses it. */
export function plansApi(server: TestServer) {
  const app = server.app;
  return {
    createPlan: (caller: Caller, body: Record<string, unknown>) =>
      call(app, caller, 'POST', '/api/v1/maintenance/plans', body),
    getPlan: (caller: Caller, id: string) => call(app, caller, 'GET', `/api/v1/maintenance/plans/${id}`),
    listPlans: (caller: Caller, query = '') => call(app, caller, 'GET', `/api/v1/maintenance/plans${query}`),
    patchPlan: (caller: Caller, id: string, version: number | null, body: Record<string, unknown>) =>
      call(
        app,
        caller,
        'PATCH',
        `/api/v1/maintenance/plans/${id}`,
        body,
        version === null ? {} : { 'if-match': `"${version}"` },
      ),
    deletePlan: (caller: Caller, id: string) =>
      call(app, caller, 'DELETE', `/api/v1/maintenance/plans/${id}`),
    listTasks: (caller: Caller, query = '') => call(app, caller, 'GET', `/api/v1/maintenance/tasks${query}`),
    getTask: (caller: Caller, ref: string) => call(app, caller, 'GET', `/api/v1/maintenance/tasks/${ref}`),
    patchTask: (caller: Caller, ref: string, version: number | null, body: Record<string, unknown>) =>
      call(
        app,
        caller,
        'PATCH',
        `/api/v1/maintenance/tasks/${ref}`,
        body,
        version === null ? {} : { 'if-match': `"${version}"` },
      ),
    move: (caller: Caller, ref: string, body: Record<string, unknown>) =>
      call(app, caller, 'POST', `/api/v1/maintenance/tasks/${ref}/transition`, body),
    tick: (caller: Caller, ref: string, itemId: number, done: boolean) =>
      call(app, caller, 'POST', `/api/v1/maintenance/tasks/${ref}/checklist/${itemId}`, { done }),
    history: (caller: Caller, ref: string) =>
      call(app, caller, 'GET', `/api/v1/maintenance/tasks/${ref}/history`),
    logTime: (caller: Caller, ref: string, body: Record<string, unknown>) =>
      call(app, caller, 'POST', `/api/v1/maintenance/tasks/${ref}/time-entries`, body),
    listTime: (caller: Caller, ref: string) =>
      call(app, caller, 'GET', `/api/v1/maintenance/tasks/${ref}/time-entries`),
    deleteTime: (caller: Caller, id: string) =>
      call(app, caller, 'DELETE', `/api/v1/maintenance/time-entries/${id}`),
  };
}

/** Poll until `check` holds (background jobs), or fail after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for background work');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
