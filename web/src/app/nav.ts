import { STAFF_SIDE_ROLES, type Role } from '@essor/shared/roles';
import {
  IconAlertTriangle,
  IconArrowsSplit,
  IconChartDonut,
  IconMapPin,
  IconTargetArrow,
  IconBriefcase,
  IconBuildingBank,
  IconChartPie,
  IconShieldCheck,
  IconBuildingCommunity,
  IconCalendarEvent,
  IconCertificate,
  IconCash,
  IconCoin,
  IconChartBar,
  IconChartFunnel,
  IconClockPlay,
  IconFileText,
  IconFlag,
  IconGavel,
  IconHome,
  IconInbox,
  IconLayoutKanban,
  IconListCheck,
  IconListDetails,
  IconMail,
  IconMap2,
  IconPresentation,
  IconReceipt,
  IconScale,
  IconSchool,
  IconSend,
  IconSettings,
  IconSitemap,
  IconTool,
  IconUserStar,
  IconUsers,
  IconWallet,
  type Icon,
} from '@tabler/icons-react';

/** Who reads the impact dashboards, the money flows and the inventory; the API enforces the same. */
export const IMPACT_READERS = ['admin', 'staff', 'fund_manager', 'elected_official'] as const satisfies readonly Role[];

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
  { labelKey: 'nav.cityView', to: '/structures/overview', icon: IconMap2, roles: STAFF_SIDE_ROLES, section: 'overview' },
  { labelKey: 'nav.applications', to: '/applications', icon: IconFileText, roles: ['admin', 'staff', 'project_holder'], section: 'pipeline' },
  { labelKey: 'nav.apply', to: '/applications/new', icon: IconSend, roles: ['project_holder'], section: 'pipeline' },
  { labelKey: 'nav.board', to: '/applications/board', icon: IconLayoutKanban, roles: ['admin', 'staff'], section: 'pipeline' },
  { labelKey: 'nav.funnel', to: '/applications/funnel', icon: IconChartFunnel, roles: ['admin', 'staff'], section: 'pipeline' },
  { labelKey: 'nav.committee', to: '/committee', icon: IconGavel, roles: ['admin', 'staff', 'committee_member'], section: 'pipeline' },
  { labelKey: 'nav.programmes', to: '/programmes', icon: IconSettings, roles: ['admin', 'staff', 'coach', 'fund_manager', 'committee_member'], section: 'pipeline' },
  { labelKey: 'nav.cohorts', to: '/cohorts', icon: IconSchool, roles: ['admin', 'staff', 'coach', 'fund_manager'], section: 'support' },
  { labelKey: 'nav.projects', to: '/projects', icon: IconBriefcase, roles: ['admin', 'staff', 'coach', 'fund_manager'], section: 'support' },
  { labelKey: 'nav.organisations', to: '/organisations', icon: IconBuildingCommunity, roles: ['admin', 'staff', 'coach', 'fund_manager'], section: 'support' },
  { labelKey: 'nav.coachingCalendar', to: '/coaching/calendar', icon: IconCalendarEvent, roles: ['admin', 'staff', 'coach'], section: 'support' },
  { labelKey: 'nav.mySessions', to: '/coaching/my-sessions', icon: IconPresentation, roles: ['coach'], section: 'support' },
  { labelKey: 'nav.coachingPlans', to: '/coaching/plans', icon: IconListCheck, roles: ['admin', 'staff', 'coach'], section: 'support' },
  { labelKey: 'nav.coaches', to: '/coaching/coaches', icon: IconUserStar, roles: ['admin', 'staff', 'coach'], section: 'support' },
  { labelKey: 'nav.coachingReports', to: '/coaching/reports', icon: IconChartBar, roles: ['admin', 'staff'], section: 'support' },
  { labelKey: 'nav.myCoaching', to: '/my-coaching', icon: IconPresentation, roles: ['project_holder'], section: 'support' },
  { labelKey: 'nav.milestones', to: '/follow-up/milestones', icon: IconFlag, roles: ['admin', 'staff', 'coach', 'fund_manager', 'project_holder'], section: 'support' },
  { labelKey: 'nav.followupVisits', to: '/follow-up/visits', icon: IconAlertTriangle, roles: ['admin', 'staff', 'coach', 'fund_manager'], section: 'support' },
  { labelKey: 'nav.funds', to: '/funds', icon: IconBuildingBank, roles: ['admin', 'staff', 'fund_manager'], section: 'finance' },
  { labelKey: 'nav.fundsInbox', to: '/funds/inbox', icon: IconInbox, roles: ['fund_manager', 'committee_member'], section: 'finance' },
  { labelKey: 'nav.cofinancing', to: '/funds/cofinancing', icon: IconCash, roles: ['admin', 'staff', 'fund_manager', 'committee_member', 'project_holder'], section: 'finance' },
  { labelKey: 'nav.loans', to: '/funds/loans', icon: IconReceipt, roles: ['admin', 'staff', 'fund_manager', 'project_holder'], section: 'finance' },
  { labelKey: 'nav.equipment', to: '/funds/equipment', icon: IconTool, roles: ['admin', 'staff', 'fund_manager', 'project_holder'], section: 'finance' },
  { labelKey: 'nav.invest', to: '/invest', icon: IconCoin, roles: ['investor'], section: 'finance' },
  { labelKey: 'nav.myBonds', to: '/my/bonds', icon: IconWallet, roles: ['investor'], section: 'finance' },
  { labelKey: 'nav.ledger', to: '/funds/ledger', icon: IconScale, roles: ['admin', 'staff', 'fund_manager'], section: 'finance' },
  { labelKey: 'nav.bonds', to: '/bonds/offerings', icon: IconCertificate, roles: ['admin', 'staff', 'fund_manager'], section: 'finance' },
  { labelKey: 'nav.bondStatements', to: '/bonds/statements', icon: IconFileText, roles: ['admin', 'staff', 'fund_manager'], section: 'finance' },
  { labelKey: 'nav.guarantees', to: '/guarantees', icon: IconShieldCheck, roles: ['admin', 'staff', 'fund_manager'], section: 'finance' },
  { labelKey: 'nav.guaranteeDashboard', to: '/guarantees/dashboard', icon: IconChartPie, roles: ['admin', 'staff', 'fund_manager'], section: 'finance' },
  { labelKey: 'nav.impactDashboard', to: '/impact/dashboard', icon: IconChartDonut, roles: IMPACT_READERS, section: 'impact' },
  { labelKey: 'nav.moneyFlow', to: '/impact/money', icon: IconArrowsSplit, roles: IMPACT_READERS, section: 'impact' },
  { labelKey: 'nav.inventory', to: '/territory/inventory', icon: IconMapPin, roles: IMPACT_READERS, section: 'impact' },
  { labelKey: 'nav.indicators', to: '/impact/indicators', icon: IconTargetArrow, roles: ['admin', 'staff', 'coach', 'fund_manager', 'elected_official'], section: 'impact' },
  { labelKey: 'nav.myImpact', to: '/impact/my-projects', icon: IconTargetArrow, roles: ['project_holder'], section: 'impact' },
  { labelKey: 'nav.structures', to: '/structures', icon: IconSitemap, roles: ['admin'], section: 'administration' },
  { labelKey: 'nav.users', to: '/admin/users', icon: IconUsers, roles: ['admin'], section: 'administration' },
  { labelKey: 'nav.audit', to: '/admin/audit', icon: IconListDetails, roles: ['admin'], section: 'administration' },
  { labelKey: 'nav.outbox', to: '/admin/outbox', icon: IconMail, roles: ['admin'], section: 'administration' },
  { labelKey: 'nav.jobs', to: '/admin/jobs', icon: IconClockPlay, roles: ['admin'], section: 'administration' },
];

export const NAV_SECTIONS: NavItem['section'][] = ['overview', 'pipeline', 'support', 'finance', 'impact', 'administration'];
