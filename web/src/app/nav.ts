import type { Role } from '@essor/shared/roles';
import { IconHome, IconListDetails, IconUsers, type Icon } from '@tabler/icons-react';

export interface NavItem {
  /** i18n key in the common namespace (nav.*). */
  labelKey: string;
  to: string;
  icon: Icon;
  /** Who sees the entry; the API enforces the same rule on its side. */
  roles: readonly Role[] | 'all';
  /** Section heading key (nav.sections.*). */
  section: 'overview' | 'pipeline' | 'support' | 'finance' | 'impact' | 'administration';
}

/** Navigation by domain. A feature adds its entries here (one line each). */
export const NAV_ITEMS: NavItem[] = [
  { labelKey: 'nav.home', to: '/', icon: IconHome, roles: 'all', section: 'overview' },
  { labelKey: 'nav.users', to: '/admin/users', icon: IconUsers, roles: ['admin'], section: 'administration' },
  { labelKey: 'nav.audit', to: '/admin/audit', icon: IconListDetails, roles: ['admin'], section: 'administration' },
];

export const NAV_SECTIONS: NavItem['section'][] = ['overview', 'pipeline', 'support', 'finance', 'impact', 'administration'];
