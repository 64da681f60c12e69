import type { RouteObject } from 'react-router';
import { lazyPage } from '../../lib/lazy-page';

const OfferingsPage = lazyPage(() => import('./pages/offerings-page'), 'OfferingsPage');
const OfferingPage = lazyPage(() => import('./pages/offering-page'), 'OfferingPage');
const MyBondsPage = lazyPage(() => import('./pages/my-bonds-page'), 'MyBondsPage');

/** Anyone may browse the offerings, without signing in; outside the admin's layout, light on a phone. */
export const investPublicRoutes: RouteObject[] = [
  { path: '/invest', element: <OfferingsPage /> },
  { path: '/invest/:id', element: <OfferingPage /> },
];

/** The investor's own space, in the same light frame (the app puts it behind an investor's session). */
export const investorRoutes: RouteObject[] = [{ path: '/my/bonds', element: <MyBondsPage /> }];
