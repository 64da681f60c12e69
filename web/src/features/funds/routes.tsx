import type { RouteObject } from 'react-router';
import { RequireRole } from '../../components/require-role';
import { CofinancingListPage } from './pages/cofinancing-list-page';
import { CofinancingPage } from './pages/cofinancing-page';
import { EquipmentPage } from './pages/equipment-page';
import { FundPage } from './pages/fund-page';
import { FundsPage } from './pages/funds-page';
import { InboxPage } from './pages/inbox-page';
import { LedgerPage } from './pages/ledger-page';
import { LoanPage } from './pages/loan-page';
import { LoansPage } from './pages/loans-page';

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
