import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, users } from './directory.js';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const serviceStatuses = ['active', 'retired'] as const;
export const environmentKinds = ['production', 'staging', 'test', 'development', 'other'] as const;
export const serviceOwnerRoles = ['technical', 'business'] as const;

/**
 * A customer's software system that the provider supports and maintains. Changes, maintenance
 * windows, plans, monitors and tickets point at it. Retired rather than deleted once referenced.
 */
export const services = pgTable(
  'services',
  {
    id: uuid('id').primaryKey(),
    /** The customer organisation that owns the system. */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    status: text('status', { enum: serviceStatuses }).notNull().default('active'),
    /**
     * How long before a maintenance window customers are told. DOMAIN.md says "lead time per
     * contract"; contracts do not exist yet, so the service carries it.
     */
    noticeLeadHours: integer('notice_lead_hours').notNull().default(72),
    /** Whether changes to this service need the customer's approval as well as the CAB's. */
    requiresCustomerApproval: boolean('requires_customer_approval').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [
    uniqueIndex('services_org_name').on(table.organisationId, sql`lower(${table.name})`),
    index('services_name').on(sql`lower(${table.name})`, table.id),
    check('services_status_check', sql`${table.status} in ('active', 'retired')`),
    check('services_notice_lead_check', sql`${table.noticeLeadHours} between 0 and 8760`),
  ],
);

/** Where a service runs: production, staging, test… Windows and changes name one. */
export const serviceEnvironments = pgTable(
  'service_environments',
  {
    id: uuid('id').primaryKey(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: environmentKinds }).notNull(),
    description: text('description').notNull().default(''),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [
    uniqueIndex('service_environments_name').on(table.serviceId, sql`lower(${table.name})`),
    // Lets other tables require that an environment belongs to the service they also name.
    unique('service_environments_service_id').on(table.serviceId, table.id),
    check(
      'service_environments_kind_check',
      sql`${table.kind} in ('production', 'staging', 'test', 'development', 'other')`,
    ),
  ],
);

/** A part of a service (application, database, library…) and the version deployed. */
export const serviceComponents = pgTable(
  'service_components',
  {
    id: uuid('id').primaryKey(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    /** The environment it is deployed in; null: the component as such, in every environment. */
    environmentId: uuid('environment_id'),
    name: text('name').notNull(),
    version: text('version').notNull().default(''),
    description: text('description').notNull().default(''),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [
    foreignKey({
      name: 'service_components_environment_fk',
      columns: [table.serviceId, table.environmentId],
      foreignColumns: [serviceEnvironments.serviceId, serviceEnvironments.id],
    }).onDelete('cascade'),
    uniqueIndex('service_components_name').on(
      table.serviceId,
      sql`coalesce(${table.environmentId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      sql`lower(${table.name})`,
    ),
    index('service_components_environment').on(table.environmentId),
  ],
);

/** Who answers for a service: a technical owner (provider staff) and a business owner. */
export const serviceOwners = pgTable(
  'service_owners',
  {
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: serviceOwnerRoles }).notNull(),
    createdAt: at('created_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.serviceId, table.userId, table.role] }),
    index('service_owners_user').on(table.userId),
    check('service_owners_role_check', sql`${table.role} in ('technical', 'business')`),
  ],
);
