import { z } from 'zod';

export const ROLES = [
  'admin',
  'staff',
  'coach',
  'fund_manager',
  'committee_member',
  'elected_official',
  'project_holder',
  'investor',
] as const;

export const roleSchema = z.enum(ROLES).meta({ id: 'Role' });
export type Role = z.infer<typeof roleSchema>;

/** Roles a person may take by registering on the public pages; every other role is given by an admin. */
export const SELF_SERVICE_ROLES = ['project_holder', 'investor'] as const satisfies readonly Role[];
export const selfServiceRoleSchema = z.enum(SELF_SERVICE_ROLES);

/** Roles that work inside the support structure (as opposed to its public: holders and investors). */
export const STAFF_SIDE_ROLES = ['admin', 'staff', 'coach', 'fund_manager', 'committee_member', 'elected_official'] as const satisfies readonly Role[];
export type StaffSideRole = (typeof STAFF_SIDE_ROLES)[number];
export const staffSideRoleSchema = z.enum(STAFF_SIDE_ROLES).meta({ id: 'StaffSideRole' });

/** People of the public: they hold these roles on their account, wherever they apply or invest. */
export const PUBLIC_ROLES = ['project_holder', 'investor'] as const satisfies readonly Role[];

export function hasAnyRole(userRoles: readonly Role[], allowed: readonly Role[]): boolean {
  return userRoles.some((role) => allowed.includes(role));
}

export function isPublicRole(role: Role): boolean {
  return (PUBLIC_ROLES as readonly Role[]).includes(role);
}
