/**
 * What the bonds module offers the others: the scheduled lapse of unpaid reservations (the jobs module
 * runs it). Statement import, coupons and certificates will add theirs here.
 */
export { lapseReservations } from './subscriptions';
export { PAY_PAYOUTS_JOB, payRunningPayouts, RUN_DUE_PAYOUTS_JOB, runDuePayouts } from './payouts';
export { anyOfferingOpen } from './investor-documents';
