import type { BackendModule, ResourceKey } from 'i18next';
import commonFr from '../locales/fr.json';
import type { Language } from '../lib/i18n';

/**
 * The strings every page needs (layout, buttons, errors), bundled with the entry in French, the default language.
 * The English ones are fetched like a namespace (the first page waits for them) by those who chose English.
 */
export const EAGER_RESOURCES = { fr: { common: commonFr } };

type Strings = () => Promise<{ default: ResourceKey }>;

/**
 * Each feature's strings, fetched with its first page (the page's `useTranslation('<namespace>')` suspends until
 * they arrive): a visitor of the offerings downloads the invest strings, not the admin's. A feature adds its
 * namespace here (one line per language), as in i18n-resources.ts.
 */
export const NAMESPACE_LOADERS: Record<Language, Record<string, Strings>> = {
  fr: {
    auth: () => import('../features/auth/locales/fr.json'),
    users: () => import('../features/users/locales/fr.json'),
    structures: () => import('../features/structures/locales/fr.json'),
    audit: () => import('../features/audit/locales/fr.json'),
    system: () => import('../features/system/locales/fr.json'),
    applications: () => import('../features/applications/locales/fr.json'),
    committee: () => import('../features/committee/locales/fr.json'),
    cohorts: () => import('../features/cohorts/locales/fr.json'),
    programmes: () => import('../features/programmes/locales/fr.json'),
    projects: () => import('../features/projects/locales/fr.json'),
    coaching: () => import('../features/coaching/locales/fr.json'),
    followup: () => import('../features/followup/locales/fr.json'),
    funds: () => import('../features/funds/locales/fr.json'),
    bonds: () => import('../features/bonds/locales/fr.json'),
    bondStatements: () => import('../features/bonds/locales/statements/fr.json'),
    guarantees: () => import('../features/guarantees/locales/fr.json'),
    guaranteeDashboard: () => import('../features/guarantees/locales/dashboard/fr.json'),
    impact: () => import('../features/impact/locales/fr.json'),
    territory: () => import('../features/territory/locales/fr.json'),
    dashboards: () => import('../features/dashboards/locales/fr.json'),
    openData: () => import('../features/opendata/locales/fr.json'),
    invest: () => import('../features/invest/locales/fr.json'),
    home: () => import('../features/home/locales/fr.json'),
    notifications: () => import('../features/notifications/locales/fr.json'),
  },
  en: {
    common: () => import('../locales/en.json'),
    auth: () => import('../features/auth/locales/en.json'),
    users: () => import('../features/users/locales/en.json'),
    structures: () => import('../features/structures/locales/en.json'),
    audit: () => import('../features/audit/locales/en.json'),
    system: () => import('../features/system/locales/en.json'),
    applications: () => import('../features/applications/locales/en.json'),
    committee: () => import('../features/committee/locales/en.json'),
    cohorts: () => import('../features/cohorts/locales/en.json'),
    programmes: () => import('../features/programmes/locales/en.json'),
    projects: () => import('../features/projects/locales/en.json'),
    coaching: () => import('../features/coaching/locales/en.json'),
    followup: () => import('../features/followup/locales/en.json'),
    funds: () => import('../features/funds/locales/en.json'),
    bonds: () => import('../features/bonds/locales/en.json'),
    bondStatements: () => import('../features/bonds/locales/statements/en.json'),
    guarantees: () => import('../features/guarantees/locales/en.json'),
    guaranteeDashboard: () => import('../features/guarantees/locales/dashboard/en.json'),
    impact: () => import('../features/impact/locales/en.json'),
    territory: () => import('../features/territory/locales/en.json'),
    dashboards: () => import('../features/dashboards/locales/en.json'),
    openData: () => import('../features/opendata/locales/en.json'),
    invest: () => import('../features/invest/locales/en.json'),
    home: () => import('../features/home/locales/en.json'),
    notifications: () => import('../features/notifications/locales/en.json'),
  },
};

/** An i18next backend reading NAMESPACE_LOADERS: one small chunk per namespace and language. */
export const lazyNamespaces: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    const load = NAMESPACE_LOADERS[language as Language]?.[namespace];
    if (!load) {
      callback(new Error(`no strings for ${language}/${namespace}`), false);
      return;
    }
    load().then(
      (strings) => callback(null, strings.default),
      (error: Error) => callback(error, false),
    );
  },
};
