import { z } from 'zod';
import { id, instant, listQuery, page } from './common.js';

/** The service registry (DOMAIN.md, "Services and environments"). */
export const serviceStatuses = ['active', 'retired'] as const;
export const environmentKinds = ['production', 'staging', 'test', 'development', 'other'] as const;
export const serviceOwnerRoles = ['technical', 'business'] as const;

export const serviceStatus = z.enum(serviceStatuses);
export const environmentKind = z.enum(environmentKinds);
export const serviceOwnerRole = z.enum(serviceOwnerRoles);
export type ServiceStatus = z.infer<typeof serviceStatus>;
export type EnvironmentKind = z.infer<typeof environmentKind>;
export type ServiceOwnerRole = z.infer<typeof serviceOwnerRole>;

const name = z.string().trim().min(1).max(200);
const description = z.string().max(10_000);

export const serviceEnvironment = z.object({
  id,
  serviceId: id,
  name: z.string(),
  kind: environmentKind,
  description: z.string(),
  createdAt: instant,
  updatedAt: instant,
});
export type ServiceEnvironment = z.infer<typeof serviceEnvironment>;

export const serviceComponent = z.object({
  id,
  serviceId: id,
  environmentId: id.nullable().describe('null: the component in every environment'),
  name: z.string(),
  version: z.string(),
  description: z.string(),
  createdAt: instant,
  updatedAt: instant,
});
export type ServiceComponent = z.infer<typeof serviceComponent>;

export const serviceOwner = z.object({
  serviceId: id,
  userId: id,
  name: z.string(),
  email: z.string(),
  role: serviceOwnerRole,
  createdAt: instant,
});
export type ServiceOwner = z.infer<typeof serviceOwner>;

export const service = z.object({
  id,
  organisationId: id.describe('the customer organisation that owns the system'),
  name: z.string(),
  description: z.string(),
  status: serviceStatus,
  noticeLeadHours: z.number().int().describe('how long before a maintenance window customers are told'),
  requiresCustomerApproval: z.boolean().describe('changes need the customer’s approval too'),
  version: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
});
export type Service = z.infer<typeof service>;

export const serviceDetail = service.extend({
  environments: z.array(serviceEnvironment),
  components: z.array(serviceComponent),
  owners: z.array(serviceOwner),
});
export type ServiceDetail = z.infer<typeof serviceDetail>;

export const servicePage = page(service);

export const listServicesQuery = listQuery.extend({
  organisationId: id.optional(),
  status: serviceStatus.optional(),
  q: z.string().trim().min(1).max(200).optional().describe('part of the name'),
});

const noticeLeadHours = z.number().int().min(0).max(8760);

export const createService = z.strictObject({
  organisationId: id,
  name,
  description: description.default(''),
  status: serviceStatus.default('active'),
  noticeLeadHours: noticeLeadHours.default(72),
  requiresCustomerApproval: z.boolean().default(false),
});

/** The organisation is fixed: windows, changes and feeds were made for it. */
export const updateService = z
  .strictObject({
    name: name.optional(),
    description: description.optional(),
    status: serviceStatus.optional(),
    noticeLeadHours: noticeLeadHours.optional(),
    requiresCustomerApproval: z.boolean().optional(),
  })
  .refine((value) => Object.keys(value).length > 0, 'nothing to change');

export const createEnvironment = z.strictObject({
  name,
  kind: environmentKind,
  description: description.default(''),
});
export const updateEnvironment = z
  .strictObject({
    name: name.optional(),
    kind: environmentKind.optional(),
    description: description.optional(),
  })
  .refine((value) => Object.keys(value).length > 0, 'nothing to change');

export const createComponent = z.strictObject({
  name,
  version: z.string().trim().max(200).default(''),
  description: description.default(''),
  environmentId: id.nullable().default(null),
});
export const updateComponent = z
  .strictObject({
    name: name.optional(),
    version: z.string().trim().max(200).optional(),
    description: description.optional(),
    environmentId: id.nullable().optional(),
  })
  .refine((value) => Object.keys(value).length > 0, 'nothing to change');

export const addServiceOwner = z.strictObject({ userId: id, role: serviceOwnerRole });

export const serviceParams = z.strictObject({ id });
export const environmentParams = z.strictObject({ id, environmentId: id });
export const componentParams = z.strictObject({ id, componentId: id });
export const ownerParams = z.strictObject({ id, userId: id, role: serviceOwnerRole });
