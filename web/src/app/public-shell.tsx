import { isPublicShellPath } from '@essor/shared/public-shell';
import { useEffect } from 'react';
import { useLocation, useRoutes } from 'react-router';
import { ChunkBoundary, PageLoading } from './chunk-boundary';
import { NotFoundPage } from './not-found-page';
import { PUBLIC_SHELL_ROUTES } from './public-shell-routes';

/**
 * A path the public document does not serve (sign in, sign up, the investor's space, the admin): loaded as a full
 * page, which the server answers with the admin's document. It replaces the history entry the link pushed, so Back
 * returns to the public page.
 */
function LeaveShell() {
  const { pathname, search, hash } = useLocation();
  const ours = isPublicShellPath(pathname);
  useEffect(() => {
    if (!ours) window.location.replace(pathname + search + hash);
  }, [ours, pathname, search, hash]);
  return ours ? <NotFoundPage /> : <PageLoading />;
}

/**
 * The public document's pages: only the visitor's routes, under a declarative router (the admin's data router and
 * route table stay out of a phone's first download).
 */
export function PublicShell() {
  return useRoutes([{ element: <ChunkBoundary />, children: PUBLIC_SHELL_ROUTES }, { path: '*', element: <LeaveShell /> }]);
}
