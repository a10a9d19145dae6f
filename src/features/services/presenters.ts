import type {
  Service,
  ServiceComponent,
  ServiceEnvironment,
  ServiceOwner,
} from '../../contracts/services.js';
import type { serviceComponents, serviceEnvironments, services } from '../../db/schema/index.js';

export type ServiceRow = typeof services.$inferSelect;
export type EnvironmentRow = typeof serviceEnvironments.$inferSelect;
export type ComponentRow = typeof serviceComponents.$inferSelect;
export interface OwnerRow {
  serviceId: string;
  userId: string;
  name: string;
  email: string;
  role: 'technical' | 'business';
  createdAt: Date;
}

export function presentService(row: ServiceRow): Service {
  return {
    id: row.id,
    organisationId: row.organisationId,
    name: row.name,
    description: row.description,
    status: row.status,
    noticeLeadHours: row.noticeLeadHours,
    requiresCustomerApproval: row.requiresCustomerApproval,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentEnvironment(row: EnvironmentRow): ServiceEnvironment {
  return {
    id: row.id,
    serviceId: row.serviceId,
    name: row.name,
    kind: row.kind,
    description: row.description,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentComponent(row: ComponentRow): ServiceComponent {
  return {
    id: row.id,
    serviceId: row.serviceId,
    environmentId: row.environmentId,
    name: row.name,
    version: row.version,
    description: row.description,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentOwner(row: OwnerRow): ServiceOwner {
  return { ...row, createdAt: row.createdAt.toISOString() };
}
