import type { Resource } from 'i18next';
import applicationsEn from '../features/applications/locales/en.json';
import applicationsFr from '../features/applications/locales/fr.json';
import auditEn from '../features/audit/locales/en.json';
import auditFr from '../features/audit/locales/fr.json';
import authEn from '../features/auth/locales/en.json';
import authFr from '../features/auth/locales/fr.json';
import bondsEn from '../features/bonds/locales/en.json';
import bondsFr from '../features/bonds/locales/fr.json';
import bondStatementsEn from '../features/bonds/locales/statements/en.json';
import bondStatementsFr from '../features/bonds/locales/statements/fr.json';
import impactEn from '../features/impact/locales/en.json';
import impactFr from '../features/impact/locales/fr.json';
import territoryEn from '../features/territory/locales/en.json';
import territoryFr from '../features/territory/locales/fr.json';
import dashboardsEn from '../features/dashboards/locales/en.json';
import dashboardsFr from '../features/dashboards/locales/fr.json';
import openDataEn from '../features/opendata/locales/en.json';
import openDataFr from '../features/opendata/locales/fr.json';
import guaranteesEn from '../features/guarantees/locales/en.json';
import guaranteesFr from '../features/guarantees/locales/fr.json';
import guaranteeDashboardEn from '../features/guarantees/locales/dashboard/en.json';
import guaranteeDashboardFr from '../features/guarantees/locales/dashboard/fr.json';
import cohortsEn from '../features/cohorts/locales/en.json';
import cohortsFr from '../features/cohorts/locales/fr.json';
import committeeEn from '../features/committee/locales/en.json';
import committeeFr from '../features/committee/locales/fr.json';
import coachingEn from '../features/coaching/locales/en.json';
import coachingFr from '../features/coaching/locales/fr.json';
import followupEn from '../features/followup/locales/en.json';
import followupFr from '../features/followup/locales/fr.json';
import fundsEn from '../features/funds/locales/en.json';
import fundsFr from '../features/funds/locales/fr.json';
import homeEn from '../features/home/locales/en.json';
import homeFr from '../features/home/locales/fr.json';
import investEn from '../features/invest/locales/en.json';
import investFr from '../features/invest/locales/fr.json';
import notificationsEn from '../features/notifications/locales/en.json';
import notificationsFr from '../features/notifications/locales/fr.json';
import commonEn from '../locales/en.json';
import commonFr from '../locales/fr.json';
import programmesEn from '../features/programmes/locales/en.json';
import programmesFr from '../features/programmes/locales/fr.json';
import projectsEn from '../features/projects/locales/en.json';
import projectsFr from '../features/projects/locales/fr.json';
import structuresEn from '../features/structures/locales/en.json';
import structuresFr from '../features/structures/locales/fr.json';
import systemEn from '../features/system/locales/en.json';
import systemFr from '../features/system/locales/fr.json';
import usersEn from '../features/users/locales/en.json';
import usersFr from '../features/users/locales/fr.json';

/**
 * Every namespace, French first, loaded at once: for tests and checks (same keys in both languages). The admin
 * itself fetches each namespace with its first page (i18n-namespaces.ts). A feature adds its own namespace here
 * and there (one line per language).
 */
export const RESOURCES: Resource = {
  fr: {
    common: commonFr,
    auth: authFr,
    users: usersFr,
    structures: structuresFr,
    audit: auditFr,
    system: systemFr,
    applications: applicationsFr,
    committee: committeeFr,
    cohorts: cohortsFr,
    programmes: programmesFr,
    projects: projectsFr,
    coaching: coachingFr,
    followup: followupFr,
    funds: fundsFr,
    bonds: bondsFr,
    bondStatements: bondStatementsFr,
    guarantees: guaranteesFr,
    guaranteeDashboard: guaranteeDashboardFr,
    impact: impactFr,
    territory: territoryFr,
    dashboards: dashboardsFr,
    openData: openDataFr,
    invest: investFr,
    home: homeFr,
    notifications: notificationsFr,
  },
  en: {
    common: commonEn,
    auth: authEn,
    users: usersEn,
    structures: structuresEn,
    audit: auditEn,
    system: systemEn,
    applications: applicationsEn,
    committee: committeeEn,
    cohorts: cohortsEn,
    programmes: programmesEn,
    projects: projectsEn,
    coaching: coachingEn,
    followup: followupEn,
    funds: fundsEn,
    bonds: bondsEn,
    bondStatements: bondStatementsEn,
    guarantees: guaranteesEn,
    guaranteeDashboard: guaranteeDashboardEn,
    impact: impactEn,
    territory: territoryEn,
    dashboards: dashboardsEn,
    openData: openDataEn,
    invest: investEn,
    home: homeEn,
    notifications: notificationsEn,
  },
};
