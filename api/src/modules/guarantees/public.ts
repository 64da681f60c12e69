/** What the guarantees module offers the others. */
// H2: the follow-up module restates guarantees after a visit; the jobs module runs the daily exposure and fee jobs.
export { reassessProjectGuarantees } from './visits';
export { CHARGE_YEARLY_FEES_JOB, chargeYearlyFees, MOVE_EXPOSURE_JOB, moveExposureFromSchedule } from './exposure-jobs';
