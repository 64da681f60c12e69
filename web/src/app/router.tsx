import { Center, Loader } from '@mantine/core';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Outlet, useLocation, type RouteObject } from 'react-router';
import { EmptyState } from '../components/empty-state';
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

function PageLoading() {
  const { t } = useTranslation();
  return (
    <Center h="100vh"><Loader aria-label={t('app.loading')} /></Center>
  );
}

/**
 * The root of every page: what a page's chunk is awaited in. Once a page is on screen its path is written on the
 * document (`data-route`): the router keeps the previous page shown while the next one's chunk loads, so the address
 * bar alone does not say which page a person (or a browser test) is looking at.
 */
function ChunkBoundary() {
  const { pathname } = useLocation();
  useEffect(() => {
    document.documentElement.dataset.route = pathname;
  }, [pathname]);
  return (
    <Suspense fallback={<PageLoading />}>
      <Outlet />
    </Suspense>
  );
}

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
