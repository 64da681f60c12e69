import type { RouteObject } from 'react-router';
import { lazyPage } from '../../lib/lazy-page';

const NotificationPreferencesPage = lazyPage(() => import('./pages/notification-preferences-page'), 'NotificationPreferencesPage');

/** Every signed-in person chooses how they hear of things (the layout already requires a session). */
export const notificationsRoutes: RouteObject[] = [{ path: 'account/notifications', element: <NotificationPreferencesPage /> }];
