/**
 * Maintenance plans (recurring preventive work) and their tasks. Pure: no I/O, no clock.
 * schedule.ts decides which occurrences need a task; tasks.ts is the task lifecycle.
 */
export { MAINTENANCE_KINDS, type MaintenanceKind, PLAN_CATEGORIES, type PlanCategory } from './kinds.js';
export {
  DEFAULT_GENERATION_LIMIT,
  type DueOccurrence,
  type GenerationInput,
  type GenerationPlan,
  generationHorizon,
  MAX_GENERATE_AHEAD_DAYS,
  nextDueDates,
  occurrenceKey,
  occurrencesToGenerate,
  type PlanSchedule,
  validatePlanSchedule,
} from './schedule.js';
export {
  allowedTaskTransitions,
  type ChecklistItem,
  canTransitionTask,
  completedAtAfter,
  formatTaskNumber,
  isFinishedTask,
  isOpenTask,
  isOverdue,
  parseTaskNumber,
  TASK_STATES,
  type TaskState,
  type TransitionProblem,
  transitionProblem,
} from './tasks.js';
