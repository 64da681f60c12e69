import { Center, Loader } from '@mantine/core';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';

export function PageLoading() {
  const { t } = useTranslation();
  return (
    <Center h="100vh"><Loader aria-label={t('app.loading')} /></Center>
  );
}

/**
 * The root of every page, in the admin and in the public shell: what a page's chunk is awaited in. Once a page is
 * on screen its path is written on the document (`data-route`): the router keeps the previous page shown while the
 * next one's chunk loads, so the address bar alone does not say which page a person (or a browser test) is looking at.
 */
export function ChunkBoundary() {
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
