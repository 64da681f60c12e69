/**
 * What the bonds module offers the others: the scheduled lapse of unpaid reservations (the jobs module
 * runs it). Statement import, coupons and certificates will add theirs here.
 */
export { lapseReservations } from './subscriptions';
