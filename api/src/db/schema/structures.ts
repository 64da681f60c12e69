import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, unique, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from './auth';

/** The node every existing row moved into when structures came; the demo's network node. */
export const ROOT_STRUCTURE_ID = 'e5500000-0000-4000-8000-000000000001';

/**
 * A support structure in the territory's tree: a network or city at the top, incubators, local agencies
 * and provincial committees below. `path` lists the ids from the root down ('/root/child/'), so "this
 * node and everything under it" is one prefix match.
 */
export const structures = pgTable(
  'structures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => structures.id),
    path: text('path').notNull().unique(),
    name: text('name').notNull(),
    /** network | city | incubator | local_agency | provincial_committee | fund | other */
    kind: text('kind').notNull(),
    territory: text('territory').notNull().default(''),
    languages: text('languages').array().notNull().default(['fr']),
    currency: text('currency').notNull(),
    logoUrl: text('logo_url'),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('structures_parent_idx').on(t.parentId),
    unique('structures_parent_name_uq').on(t.parentId, t.name),
    check('structures_kind_ck', sql`${t.kind} in ('network', 'city', 'incubator', 'local_agency', 'provincial_committee', 'fund', 'other')`),
    check('structures_currency_ck', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('structures_not_own_parent_ck', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
  ],
);

/** A role a person holds in a structure; it applies to that node and every node below it. */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    role: text('role').notNull(),
    grantedBy: uuid('granted_by'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique('memberships_user_structure_role_uq').on(t.userId, t.structureId, t.role),
    index('memberships_structure_idx').on(t.structureId),
    check('memberships_role_ck', sql`${t.role} in ('admin', 'staff', 'coach', 'fund_manager', 'committee_member', 'elected_official')`),
  ],
);

/** The column every structure-owned table carries. */
export const structureColumn = () =>
  uuid('structure_id')
    .notNull()
    .references(() => structures.id);
