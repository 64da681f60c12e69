import { createBrowserRouter, type RouteObject } from 'react-router';
import { EmptyState } from '../components/empty-state';
import { AcceptInvitationPage } from '../features/auth/pages/accept-invitation-page';
import { ForgotPasswordPage } from '../features/auth/pages/forgot-password-page';
import { LoginPage } from '../features/auth/pages/login-page';
import { RegisterPage } from '../features/auth/pages/register-page';
import { ResetPasswordPage } from '../features/auth/pages/reset-password-page';
import { AppLayout } from './layout';
import { PUBLIC_ROUTES } from './public-routes';
import { RequireAuth } from './require-auth';
import { APP_ROUTES } from './routes';
import { NotFoundPage } from './not-found-page';

/** The whole route tree; the router and the browser tests' page walk (route-table.ts) both read it. */
export function routeTree(): RouteObject[] {
  return [
    { path: '/login', element: <LoginPage /> },
    { path: '/register', element: <RegisterPage /> },
    { path: '/invitation', element: <AcceptInvitationPage /> },
    { path: '/forgot-password', element: <ForgotPasswordPage /> },
    { path: '/reset-password', element: <ResetPasswordPage /> },
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
  ];
}

export function createRouter() {
  return createBrowserRouter(routeTree());
}
