import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['provider', 'customer'] }).notNull(),
    domains: text('domains').array().notNull().default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [
    // There is exactly one provider: the organisation that runs this Tend.
    uniqueIndex('organisations_one_provider').on(table.kind).where(sql`kind = 'provider'`),
    index('organisations_name').on(sql`lower(${table.name})`, table.id),
    index('organisations_created').on(table.createdAt, table.id),
    index('organisations_domains').using('gin', table.domains),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    email: text('email').notNull(),
    role: text('role', {
      enum: ['admin', 'service_manager', 'agent', 'customer_manager', 'requester'],
    }).notNull(),
    active: boolean('active').notNull().default(true),
    passwordHash: text('password_hash'),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: at('locked_until'),
    lastLoginAt: at('last_login_at'),
    passwordChangedAt: at('password_changed_at'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [
    uniqueIndex('users_email').on(sql`lower(${table.email})`),
    index('users_org').on(table.organisationId, table.id),
    index('users_name').on(sql`lower(${table.name})`, table.id),
    index('users_created').on(table.createdAt, table.id),
  ],
);

export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    tier: text('tier', { enum: ['L1', 'L2', 'L3', 'L4'] }).notNull(),
    description: text('description').notNull().default(''),
    roundRobin: boolean('round_robin').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [
    uniqueIndex('teams_name').on(sql`lower(${table.name})`),
    index('teams_tier').on(table.tier, table.id),
  ],
);

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
  },
  (table) => [
    primaryKey({ columns: [table.teamId, table.userId] }),
    index('team_members_user').on(table.userId),
  ],
);

export const teamServedOrganisations = pgTable(
  'team_served_organisations',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
  },
  (table) => [
    primaryKey({ columns: [table.teamId, table.organisationId] }),
    index('team_served_org').on(table.organisationId),
  ],
);
