/**
 * The lifecycle of a maintenance task: open → in_progress → done, with skipped (this occurrence
 * is deliberately not done, say why) and cancelled (the task should not exist, e.g. the plan was
 * rescheduled) as the other ways out.
 * - work may stop and go back to open (in_progress → open);
 * - done can be reopened into in_progress (the work turned out unfinished), a skip can be undone
 *   (skipped → open); cancelled is final;
 * - done needs every required checklist item checked; skipped and cancelled need a reason.
 */
export const TASK_STATES = ['open', 'in_progress', 'done', 'skipped', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];

const ALLOWED: Record<TaskState, readonly TaskState[]> = {
  open: ['in_progress', 'done', 'skipped', 'cancelled'],
  in_progress: ['open', 'done', 'skipped', 'cancelled'],
  done: ['in_progress'],
  skipped: ['open'],
  cancelled: [],
};

export function allowedTaskTransitions(from: TaskState): readonly TaskState[] {
  return ALLOWED[from];
}

export function canTransitionTask(from: TaskState, to: TaskState): boolean {
  return ALLOWED[from].includes(to);
}

/** Open work: counted in the backlog, can be overdue. */
export function isOpenTask(state: TaskState): boolean {
  return state === 'open' || state === 'in_progress';
}

/** Finished one way or another: completed_at is set. */
export function isFinishedTask(state: TaskState): boolean {
  return !isOpenTask(state);
}

export interface ChecklistItem {
  readonly id: number;
  readonly text: string;
  readonly required: boolean;
  readonly done: boolean;
}

export type TransitionProblem =
  | { readonly code: 'not_allowed'; readonly allowed: readonly TaskState[] }
  | { readonly code: 'checklist_incomplete'; readonly itemIds: readonly number[] }
  | { readonly code: 'reason_required' };

/** Why a task may not move from `from` to `to` (null: it may). */
export function transitionProblem(
  from: TaskState,
  to: TaskState,
  checklist: readonly ChecklistItem[],
  reason: string | null,
): TransitionProblem | null {
  if (!canTransitionTask(from, to)) return { code: 'not_allowed', allowed: ALLOWED[from] };
  if (to === 'done') {
    const missing = checklist.filter((item) => item.required && !item.done).map((item) => item.id);
    if (missing.length > 0) return { code: 'checklist_incomplete', itemIds: missing };
  }
  if ((to === 'skipped' || to === 'cancelled') && !reason?.trim()) return { code: 'reason_required' };
  return null;
}

/** When a task finished: set on entering done/skipped/cancelled, cleared when it reopens. */
export function completedAtAfter(to: TaskState, now: Date): Date | null {
  return isOpenTask(to) ? null : now;
}

/** Whether an open task is past its due time at `now`. */
export function isOverdue(state: TaskState, dueAt: Date, now: Date): boolean {
  return isOpenTask(state) && dueAt.getTime() <= now.getTime();
}

/** Human task numbers: M-10001. Lookups accept the number with or without the prefix. */
export function formatTaskNumber(number: number): string {
  return `M-${number}`;
}

export function parseTaskNumber(text: string): number | null {
  const match = /^(?:M-?)?(\d{1,12})$/i.exec(text.trim());
  return match ? Number.parseInt(match[1]!, 10) : null;
}
