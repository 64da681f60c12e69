import type { Role } from '@essor/shared/roles';
import { IconBuildingBank, IconCash, IconHome, IconInbox, IconListDetails, IconReceipt, IconScale, IconTool, IconUsers, type Icon } from '@tabler/icons-react';

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
  { labelKey: 'nav.funds', to: '/funds', icon: IconBuildingBank, roles: ['admin', 'staff', 'fund_manager'], section: 'finance' },
  { labelKey: 'nav.fundsInbox', to: '/funds/inbox', icon: IconInbox, roles: ['fund_manager', 'committee_member'], section: 'finance' },
  { labelKey: 'nav.cofinancing', to: '/funds/cofinancing', icon: IconCash, roles: ['admin', 'staff', 'fund_manager', 'committee_member', 'project_holder'], section: 'finance' },
  { labelKey: 'nav.loans', to: '/funds/loans', icon: IconReceipt, roles: ['admin', 'staff', 'fund_manager', 'project_holder'], section: 'finance' },
  { labelKey: 'nav.equipment', to: '/funds/equipment', icon: IconTool, roles: ['admin', 'staff', 'fund_manager', 'project_holder'], section: 'finance' },
  { labelKey: 'nav.ledger', to: '/funds/ledger', icon: IconScale, roles: ['admin', 'staff', 'fund_manager'], section: 'finance' },
  { labelKey: 'nav.users', to: '/admin/users', icon: IconUsers, roles: ['admin'], section: 'administration' },
  { labelKey: 'nav.audit', to: '/admin/audit', icon: IconListDetails, roles: ['admin'], section: 'administration' },
];

export const NAV_SECTIONS: NavItem['section'][] = ['overview', 'pipeline', 'support', 'finance', 'impact', 'administration'];
