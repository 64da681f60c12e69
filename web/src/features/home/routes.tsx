import type { RouteObject } from 'react-router';
import { lazyPage } from '../../lib/lazy-page';

const HomePage = lazyPage(() => import('./pages/home-page'), 'HomePage');

export const homeRoutes: RouteObject[] = [{ index: true, element: <HomePage /> }];
