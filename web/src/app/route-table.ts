import { ROLES, type Role } from '@essor/shared/roles';
import { isValidElement, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { RequireRole } from '../components/require-role';
import { RequireAuth } from './require-auth';

export interface PageEntry {
  /** Absolute path as the router declares it, params included (`/cohorts/:id`). */
  path: string;
  /** `visitor`: anyone, signed in or not; otherwise the signed-in roles the page is for. */
  access: 'visitor' | readonly Role[];
}

/** The roles a RequireRole / RequireAuth wrapper lets through; undefined when the element guards nothing. */
function guardedRoles(element: ReactNode): readonly Role[] | undefined {
  if (!isValidElement<{ roles?: readonly Role[] }>(element)) return undefined;
  if (element.type === RequireRole) return element.props.roles;
  if (element.type === RequireAuth) return element.props.roles ?? ROLES;
  return undefined;
}

function join(parent: string, path: string | undefined): string {
  if (path === undefined) return parent || '/';
  if (path.startsWith('/')) return path;
  return `${parent.replace(/\/$/, '')}/${path}`;
}

/**
 * Every page of a route tree with who may open it, read from the guards the router itself renders,
 * so a page added to the router joins the browser tests' walk without anyone listing it again.
 */
export function pageTable(routes: RouteObject[], parent = '', inherited: PageEntry['access'] = 'visitor'): PageEntry[] {
  const pages: PageEntry[] = [];
  for (const route of routes) {
    const path = route.index ? parent || '/' : join(parent, route.path);
    const roles = guardedRoles(route.element);
    const access = roles ? (inherited === 'visitor' ? roles : roles.filter((role) => inherited.includes(role))) : inherited;
    if (route.children) pages.push(...pageTable(route.children, path, access));
    else if (route.path !== '*') pages.push({ path, access });
  }
  return pages;
}
