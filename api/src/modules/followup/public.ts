/** What the follow-up module offers the others: who reads follow-up and watches risk, the milestone count and the projects at risk (the home page). */
export { countMilestones, FOLLOWUP_READERS, listAtRiskProjects, RISK_WATCHERS } from './service';
