/**
 * What maintenance work is (DOMAIN.md: every maintenance task and change request carries a kind)
 * and, for plans, what recurring work it is.
 */
export const MAINTENANCE_KINDS = ['corrective', 'adaptive', 'perfective', 'preventive', 'emergency'] as const;
export type MaintenanceKind = (typeof MAINTENANCE_KINDS)[number];

export const PLAN_CATEGORIES = [
  'backup_restore_test',
  'dr_test',
  'patch_review',
  'certificate_renewal',
  'dependency_updates',
  'security_review',
  'other',
] as const;
export type PlanCategory = (typeof PLAN_CATEGORIES)[number];
