import type { Resource } from 'i18next';
import auditEn from '../features/audit/locales/en.json';
import auditFr from '../features/audit/locales/fr.json';
import authEn from '../features/auth/locales/en.json';
import authFr from '../features/auth/locales/fr.json';
import fundsEn from '../features/funds/locales/en.json';
import fundsFr from '../features/funds/locales/fr.json';
import commonEn from '../locales/en.json';
import commonFr from '../locales/fr.json';
import usersEn from '../features/users/locales/en.json';
import usersFr from '../features/users/locales/fr.json';

/** Every namespace, French first. A feature adds its own namespace here (one line per language). */
export const RESOURCES: Resource = {
  fr: { common: commonFr, auth: authFr, users: usersFr, audit: auditFr, funds: fundsFr },
  en: { common: commonEn, auth: authEn, users: usersEn, audit: auditEn, funds: fundsEn },
};
