import type { RouteObject } from 'react-router';

/** Pages anyone may open without signing in (public application form, bond offers). One line per feature. */
export const PUBLIC_ROUTES: RouteObject[] = [];
