/** What the auth module offers the others: the scheduled expiry of links and purge of what expired (the jobs module runs them). */
export { expireLinks, purgeExpired } from './service';
