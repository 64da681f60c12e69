import i18n, { type BackendModule, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'essor.language';

export function storedLanguage(): Language {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return stored === 'en' ? 'en' : 'fr';
}

/**
 * French first: the admin opens in French unless the person chose English on this device. With a backend, the
 * given resources are only the eager part (common); other namespaces are fetched when a page first asks for them.
 */
export function initI18n(resources: Resource, language: Language = storedLanguage(), backend?: BackendModule) {
  if (backend) i18n.use(backend);
  void i18n.use(initReactI18next).init({
    resources,
    ...(backend && { partialBundledLanguages: true, ns: ['common'] }),
    lng: language,
    fallbackLng: 'fr',
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  return i18n;
}

export function changeLanguage(language: Language) {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}
