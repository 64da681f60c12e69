import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeLanguage, LANGUAGES } from '../lib/i18n';

const LABELS = { fr: 'FR', en: 'EN' } as const;

/** French or English, a two-button toggle (the chosen one pressed): light enough for every public page. */
export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  return (
    <Button.Group aria-label={t('app.language')}>
      {LANGUAGES.map((language) => {
        const current = i18n.language === language;
        return (
          <Button
            key={language}
            size="compact-xs"
            variant={current ? 'filled' : 'default'}
            aria-pressed={current}
            lang={language}
            onClick={() => !current && changeLanguage(language)}
          >
            {LABELS[language]}
          </Button>
        );
      })}
    </Button.Group>
  );
}
