import type { DashboardSection, ImpactDashboard } from '@essor/shared/impact-dashboard';
import { toCsv, type CsvColumn } from '../../lib/csv';

type Csv = (d: ImpactDashboard) => string;
const table = <T>(rows: T[], columns: CsvColumn<T>[]) => toCsv(rows, columns);

/** Each dashboard section as a CSV: money in minor units with its currency on the row, decimals as written. */
export const SECTION_CSV: Record<DashboardSection, Csv> = {
  funnel: (d) => table(d.funnel, [{ header: 'stage', value: (r) => r.stage }, { header: 'applications', value: (r) => r.count }]),
  cohorts: (d) =>
    table(d.cohorts, [
      { header: 'cohort', value: (r) => r.name },
      { header: 'programme', value: (r) => r.programmeCode },
      { header: 'starts_on', value: (r) => r.startsOn },
      { header: 'ends_on', value: (r) => r.endsOn },
      { header: 'members', value: (r) => r.members },
      ...['applicant', 'selected', 'incubated', 'financed', 'alumni', 'stopped'].map((stage) => ({ header: stage, value: (r: ImpactDashboard['cohorts'][number]) => r.stages[stage] ?? 0 })),
    ]),
  coaching: (d) =>
    table(d.coaching, [
      { header: 'month', value: (r) => r.month },
      { header: 'support_type', value: (r) => r.supportType },
      { header: 'sessions', value: (r) => r.sessions },
      { header: 'minutes', value: (r) => r.minutes },
    ]),
  funds: (d) =>
    table(d.funds, [
      { header: 'fund', value: (r) => r.code },
      { header: 'name', value: (r) => r.name },
      { header: 'type', value: (r) => r.type },
      { header: 'currency', value: (r) => r.currency },
      { header: 'capital_minor', value: (r) => r.capitalMinor },
      { header: 'committed_minor', value: (r) => r.committedMinor },
      { header: 'disbursed_minor', value: (r) => r.disbursedMinor },
      { header: 'repaid_minor', value: (r) => r.repaidMinor },
      { header: 'available_minor', value: (r) => r.availableMinor },
    ]),
  impact: (d) =>
    table(d.impact, [
      { header: 'indicator', value: (r) => r.code },
      { header: 'name_fr', value: (r) => r.nameFr },
      { header: 'name_en', value: (r) => r.nameEn },
      { header: 'unit', value: (r) => r.unit },
      { header: 'currency', value: (r) => r.currency },
      { header: 'baseline', value: (r) => r.baseline },
      { header: 'target', value: (r) => r.target },
      { header: 'actual', value: (r) => r.actual },
      { header: 'projects', value: (r) => r.projects },
      { header: 'sdg_targets', value: (r) => r.sdgTargets.join(' ') },
    ]),
  sdg: (d) =>
    table(d.sdg, [
      { header: 'sdg', value: (r) => r.goal },
      { header: 'indicators', value: (r) => r.indicators },
      { header: 'projects', value: (r) => r.projects },
      { header: 'codes', value: (r) => r.codes.join(' ') },
    ]),
  jobs: (d) =>
    table([d.jobs], [
      { header: 'jobs_created_fte', value: (r) => r.createdFte },
      { header: 'jobs_created_target_fte', value: (r) => r.createdTargetFte },
      { header: 'jobs_women', value: (r) => r.women },
      { header: 'jobs_youth', value: (r) => r.youth },
      { header: 'jobs_disability', value: (r) => r.disability },
      { header: 'projects', value: (r) => r.projects },
    ]),
  'cost-per-job': (d) =>
    table(d.costPerJob, [
      { header: 'currency', value: (r) => r.currency },
      { header: 'disbursed_minor', value: (r) => r.disbursedMinor },
      { header: 'jobs_created_fte', value: (r) => r.jobsCreatedFte },
      { header: 'cost_per_job_minor', value: (r) => r.costPerJobMinor },
      { header: 'projects', value: (r) => r.projects },
    ]),
  guarantees: (d) =>
    table(d.guarantees, [
      { header: 'currency', value: (r) => r.currency },
      { header: 'live_guarantees', value: (r) => r.live },
      { header: 'exposure_minor', value: (r) => r.exposureMinor },
      { header: 'guaranteed_minor', value: (r) => r.guaranteedMinor },
    ]),
  bonds: (d) =>
    table(d.bonds, [
      { header: 'currency', value: (r) => r.currency },
      { header: 'offerings', value: (r) => r.offerings },
      { header: 'subscribed_units', value: (r) => r.subscribedUnits },
      { header: 'subscribed_minor', value: (r) => r.subscribedMinor },
      { header: 'paid_units', value: (r) => r.paidUnits },
      { header: 'paid_minor', value: (r) => r.paidMinor },
      { header: 'investors', value: (r) => r.investors },
    ]),
  districts: (d) =>
    table(
      d.districts.flatMap((r) => (r.disbursed.length ? r.disbursed : [null]).map((money) => ({ r, money }))),
      [
        { header: 'district', value: (x) => x.r.name },
        { header: 'code', value: (x) => x.r.code },
        { header: 'actors', value: (x) => x.r.actors },
        { header: 'projects', value: (x) => x.r.projects },
        { header: 'jobs_created_fte', value: (x) => x.r.jobsCreatedFte },
        { header: 'currency', value: (x) => x.money?.currency ?? '' },
        { header: 'disbursed_minor', value: (x) => x.money?.amountMinor ?? 0 },
      ],
    ),
};
