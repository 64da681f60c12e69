import { createBrowserRouter } from 'react-router';
import { EmptyState } from '../components/empty-state';
import { AcceptInvitationPage } from '../features/auth/pages/accept-invitation-page';
import { LoginPage } from '../features/auth/pages/login-page';
import { RegisterPage } from '../features/auth/pages/register-page';
import { AppLayout } from './layout';
import { PUBLIC_ROUTES } from './public-routes';
import { RequireAuth } from './require-auth';
import { APP_ROUTES } from './routes';
import { NotFoundPage } from './not-found-page';

export function createRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    { path: '/register', element: <RegisterPage /> },
    { path: '/invitation', element: <AcceptInvitationPage /> },
    ...PUBLIC_ROUTES,
    {
      element: (
        <RequireAuth>
          <AppLayout />
        </RequireAuth>
      ),
      errorElement: <EmptyState title="Erreur / Error" />,
      children: [...APP_ROUTES, { path: '*', element: <NotFoundPage /> }],
    },
  ]);
}
