/** What the cohorts module offers the others: add an accepted application to a cohort (the committee does). */
export { addToCohort } from './service';
