import type { RouteObject } from 'react-router';
import { NotificationPreferencesPage } from './pages/notification-preferences-page';

/** Every signed-in person chooses how they hear of things (the layout already requires a session). */
export const notificationsRoutes: RouteObject[] = [{ path: 'account/notifications', element: <NotificationPreferencesPage /> }];
