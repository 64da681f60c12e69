/** What the loans module offers the others: the list of loans, and the schedule arithmetic (a guaranteed bank loan amortises the same way). */
export { allLoans, countLateInstalments } from './proposals';
export { addMonths, buildSchedule, divideRounded, type ScheduleTerms } from './schedule';
