import { createBrowserRouter, type RouteObject } from 'react-router';
import { EmptyState } from '../components/empty-state';
import { ChunkBoundary } from './chunk-boundary';
import { lazyPage } from '../lib/lazy-page';
import { PUBLIC_ROUTES } from './public-routes';
import { RequireAuth } from './require-auth';
import { APP_ROUTES } from './routes';
import { NotFoundPage } from './not-found-page';

// Every page is fetched when first shown: a public page downloads neither the admin's layout nor its pages.
const AppLayout = lazyPage(() => import('./layout'), 'AppLayout');
const AcceptInvitationPage = lazyPage(() => import('../features/auth/pages/accept-invitation-page'), 'AcceptInvitationPage');
const ForgotPasswordPage = lazyPage(() => import('../features/auth/pages/forgot-password-page'), 'ForgotPasswordPage');
const LoginPage = lazyPage(() => import('../features/auth/pages/login-page'), 'LoginPage');
const RegisterPage = lazyPage(() => import('../features/auth/pages/register-page'), 'RegisterPage');
const ResetPasswordPage = lazyPage(() => import('../features/auth/pages/reset-password-page'), 'ResetPasswordPage');

/** The whole route tree; the router and the browser tests' page walk (route-table.ts) both read it. */
export function routeTree(): RouteObject[] {
  return [{ element: <ChunkBoundary />, children: pages() }];
}

function pages(): RouteObject[] {
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
