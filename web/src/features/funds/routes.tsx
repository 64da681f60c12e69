import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { lazyPage } from '../../lib/lazy-page';

const CofinancingListPage = lazyPage(() => import('./pages/cofinancing-list-page'), 'CofinancingListPage');
const CofinancingPage = lazyPage(() => import('./pages/cofinancing-page'), 'CofinancingPage');
const EquipmentPage = lazyPage(() => import('./pages/equipment-page'), 'EquipmentPage');
const FundPage = lazyPage(() => import('./pages/fund-page'), 'FundPage');
const FundsPage = lazyPage(() => import('./pages/funds-page'), 'FundsPage');
const InboxPage = lazyPage(() => import('./pages/inbox-page'), 'InboxPage');
const LedgerPage = lazyPage(() => import('./pages/ledger-page'), 'LedgerPage');
const LoanPage = lazyPage(() => import('./pages/loan-page'), 'LoanPage');
const LoansPage = lazyPage(() => import('./pages/loans-page'), 'LoansPage');

const BOOKS = ['admin', 'staff', 'fund_manager'] as const;
const FINANCING = ['admin', 'staff', 'fund_manager', 'committee_member', 'project_holder'] as const;
const LENDING = ['admin', 'staff', 'fund_manager', 'project_holder'] as const;

export const fundsRoutes: RouteObject[] = [
  { path: 'funds', element: <RequireRole roles={BOOKS}><FundsPage /></RequireRole> },
  { path: 'funds/inbox', element: <RequireRole roles={['fund_manager', 'committee_member']}><InboxPage /></RequireRole> },
  { path: 'funds/ledger', element: <RequireRole roles={BOOKS}><LedgerPage /></RequireRole> },
  { path: 'funds/cofinancing', element: <RequireRole roles={FINANCING}><CofinancingListPage /></RequireRole> },
  { path: 'funds/cofinancing/:id', element: <RequireRole roles={FINANCING}><CofinancingPage /></RequireRole> },
  { path: 'funds/loans', element: <RequireRole roles={LENDING}><LoansPage /></RequireRole> },
  { path: 'funds/loans/:id', element: <RequireRole roles={LENDING}><LoanPage /></RequireRole> },
  { path: 'funds/equipment', element: <RequireRole roles={LENDING}><EquipmentPage /></RequireRole> },
  { path: 'funds/:id', element: <RequireRole roles={BOOKS}><FundPage /></RequireRole> },
];
