import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { EAGER_RESOURCES, lazyNamespaces, NAMESPACE_LOADERS } from '../../web/src/app/i18n-namespaces';
import { RESOURCES } from '../../web/src/app/i18n-resources';
import { LANGUAGES } from '../../web/src/lib/i18n';

describe("each feature's strings, fetched when a page first asks for them", () => {
  it('has a loader for every namespace not bundled, in both languages, giving the same strings as the tests see', async () => {
    const eager: Record<string, Record<string, unknown>> = EAGER_RESOURCES;
    // Only the French common strings ride with the entry; English readers fetch theirs like any namespace.
    expect(Object.keys(eager)).toEqual(['fr']);
    expect(eager.fr.common).toEqual(RESOURCES.fr.common);
    for (const language of LANGUAGES) {
      const lazy = Object.keys(NAMESPACE_LOADERS[language]).sort();
      const bundled = Object.keys(eager[language] ?? {});
      expect(lazy, language).toEqual(Object.keys(RESOURCES[language]).filter((ns) => !bundled.includes(ns)).sort());
      for (const namespace of lazy) {
        const strings = (await NAMESPACE_LOADERS[language][namespace]()).default;
        expect(strings, `${language}/${namespace}`).toEqual(RESOURCES[language][namespace]);
      }
    }
  });

  it('gives a reader who chose English the English common strings once started, not the French fallback', async () => {
    const i18n = i18next.createInstance();
    await i18n.use(lazyNamespaces).init({ resources: EAGER_RESOURCES, partialBundledLanguages: true, ns: ['common'], defaultNS: 'common', lng: 'en', fallbackLng: 'fr' });
    const en = RESOURCES.en.common as { app: { loading: string } };
    const fr = RESOURCES.fr.common as { app: { loading: string } };
    expect(en.app.loading).not.toBe(fr.app.loading);
    expect(i18n.hasResourceBundle('en', 'common')).toBe(true);
    expect(i18n.t('app.loading')).toBe(en.app.loading);
  });

  it('starts with common only, and loads a namespace in the page language when asked', async () => {
    const i18n = i18next.createInstance();
    await i18n.use(lazyNamespaces).init({ resources: EAGER_RESOURCES, partialBundledLanguages: true, ns: ['common'], defaultNS: 'common', lng: 'fr', fallbackLng: 'fr' });
    expect(i18n.hasResourceBundle('fr', 'invest')).toBe(false);
    expect(i18n.hasResourceBundle('fr', 'funds')).toBe(false);
    const investFr = RESOURCES.fr.invest as { list: { title: string } };
    expect(i18n.t('list.title', { ns: 'invest' })).toBe('list.title');

    await i18n.loadNamespaces('invest');
    expect(i18n.t('list.title', { ns: 'invest' })).toBe(investFr.list.title);
    expect(i18n.hasResourceBundle('fr', 'funds')).toBe(false);

    // Switching language fetches the namespaces already in use, in the new language.
    await i18n.changeLanguage('en');
    expect(i18n.t('list.title', { ns: 'invest' })).toBe((RESOURCES.en.invest as { list: { title: string } }).list.title);
    expect(i18n.t('list.title', { ns: 'invest' })).not.toBe(investFr.list.title);
  });

  it('reports a namespace nobody declared instead of hanging', async () => {
    const i18n = i18next.createInstance();
    await i18n.use(lazyNamespaces).init({ resources: EAGER_RESOURCES, partialBundledLanguages: true, ns: ['common'], lng: 'fr', fallbackLng: 'fr' });
    await i18n.loadNamespaces('nowhere');
    expect(i18n.hasResourceBundle('fr', 'nowhere')).toBe(false);
    expect(i18n.t('x', { ns: 'nowhere' })).toBe('x');
  });
});
